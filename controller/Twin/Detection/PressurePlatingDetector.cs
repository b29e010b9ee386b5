namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>
/// Lithium plating from stack pressure (after Huang et al. 2022, pressure-based plating detection): the measured
/// dP/dQ against the twin's expected dP/dQ = G·dΔh/dQ, where Δh is the thickness change the twin predicts from
/// intercalation and temperature, and G [Pa/m], the fixture gain, is learnt online with the preload by least squares
/// of measured pressure on Δh over the first <see cref="PlatingDetectorOptions.CalibrationCharge_Ah"/>, then frozen.
/// A plated deposit adds thickness the twin does not predict, so the residual shifts upwards; Page's CUSUM
/// accumulates it into evidence. Allocation-free per update.
/// </summary>
public sealed class PressurePlatingDetector : PlatingDetector
{
    private readonly PlatingDetectorOptions _options;
    private readonly FixtureGainEstimator _gain;
    private readonly FirstOrderLag _lag;
    private double _firstCharge_Ah = double.NaN;

    public PressurePlatingDetector(PlatingDetectorOptions options)
        : base(options.Residual, +1)
    {
        options.Validate();
        _options = options;
        _gain = new FixtureGainEstimator(options.GainForgetting);
        _lag = new FirstOrderLag(options.PressureSensorLag_s);
    }

    /// <summary>Measured dP/dQ over the window [Pa/(A h)]; NaN until the window holds 3 samples.</summary>
    public double MeasuredDpDq_PaPerAh => Test.Window.SlopeY;

    /// <summary>Expected dP/dQ = G·dΔh/dQ over the same window [Pa/(A h)]; NaN until G is estimated.</summary>
    public double ExpectedDpDq_PaPerAh => FixtureGain_PaPerM * Test.Window.SlopeX;

    /// <summary>σ of the measured minus expected dP/dQ [Pa/(A h)].</summary>
    public double ResidualSigma_PaPerAh => Test.ResidualSigma;

    /// <summary>Estimated fixture gain G = stiffness/area [Pa/m].</summary>
    public double FixtureGain_PaPerM => _gain.Gain_PaPerM;

    /// <summary>Standard error of the gain from its calibration [Pa/m].</summary>
    public double FixtureGainSigma_PaPerM => _gain.GainSigma_PaPerM;

    /// <summary>Estimated stack pressure at zero predicted thickness change [Pa].</summary>
    public double Preload_Pa => _gain.Preload_Pa;

    /// <summary>True once the calibration is over and the gain frozen; the CUSUM runs from then.</summary>
    public bool GainFrozen { get; private set; }

    /// <summary>
    /// The dead band on the residual for the frozen gain's error, β·σ_G·|dΔh/dQ| [Pa/(A h)]: the gain's error biases the
    /// expected dP/dQ the same way all charge long, so it is allowed for rather than averaged.
    /// </summary>
    public double GainAllowance_PaPerAh => _options.GainErrorAllowance * _gain.GainSigma_PaPerM * Math.Abs(Test.Window.SlopeX);

    /// <param name="expectedThickness_m">The twin's predicted thickness change from intercalation and temperature [m].</param>
    /// <param name="expectedThicknessSigma_m">Its σ, read as how far the prediction's error may drift over one window [m]:
    /// G·σ/window enters the residual's σ.</param>
    public void Update(double time_s, double charge_Ah, double pressure_Pa, double expectedThickness_m, double expectedThicknessSigma_m)
    {
        if (!double.IsFinite(time_s) || !double.IsFinite(charge_Ah) || !double.IsFinite(pressure_Pa) || !double.IsFinite(expectedThickness_m)
            || !double.IsFinite(expectedThicknessSigma_m) || expectedThicknessSigma_m < 0)
        {
            Rejected++;
            return;
        }

        if (double.IsNaN(_firstCharge_Ah))
        {
            _firstCharge_Ah = charge_Ah;
        }

        var thickness = _lag.Update(time_s, expectedThickness_m);
        if (!GainFrozen)
        {
            _gain.Add(thickness, pressure_Pa);
            GainFrozen = Math.Abs(charge_Ah - _firstCharge_Ah) >= _options.CalibrationCharge_Ah
                && _gain.ThicknessSpan_m >= _options.MinimumCalibrationSpan_m && double.IsFinite(_gain.Gain_PaPerM);
        }

        Test.Window.Add(charge_Ah, pressure_Pa, thickness);
        if (GainFrozen)
        {
            Test.Test(time_s, charge_Ah, _gain.Gain_PaPerM, Math.Abs(_gain.Gain_PaPerM) * expectedThicknessSigma_m / _options.Residual.Window_Ah, GainAllowance_PaPerAh);
        }
    }

    /// <summary>
    /// A new charge on the same fixture: keeps a frozen gain (a property of the fixture, learnt on an earlier charge
    /// where plating was implausible) and forgets the rest; without a frozen gain it is <see cref="Reset"/>.
    /// </summary>
    public void StartCharge()
    {
        _lag.Reset();
        Test.Reset();
        _firstCharge_Ah = double.NaN;
        Rejected = 0;
        if (!GainFrozen)
        {
            _gain.Reset();
        }
    }

    public void Reset()
    {
        GainFrozen = false;
        StartCharge();
    }
}
