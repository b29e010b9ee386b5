namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>
/// The voltage-only detector the pressure detector is compared with: the measured dV/dQ against the dV/dQ of the
/// twin's predicted voltage over the same charge window. Plating opens a second path for the charge current at the
/// lithium potential, which flattens the charging voltage, so the residual looks for a downward shift of dV/dQ;
/// Page's CUSUM accumulates it. Allocation-free per update.
/// </summary>
public sealed class VoltagePlatingDetector : PlatingDetector
{
    private readonly VoltageDetectorOptions _options;

    public VoltagePlatingDetector(VoltageDetectorOptions options)
        : base(options.Residual, -1)
    {
        options.Validate();
        _options = options;
    }

    /// <summary>Measured dV/dQ over the window [V/(A h)].</summary>
    public double MeasuredDvDq_VPerAh => Test.Window.SlopeY;

    /// <summary>dV/dQ of the twin's predicted voltage over the same window [V/(A h)].</summary>
    public double ExpectedDvDq_VPerAh => Test.Window.SlopeX;

    public void Update(double time_s, double charge_Ah, double voltage_V, double current_A, double expectedVoltage_V)
    {
        if (!double.IsFinite(time_s) || !double.IsFinite(charge_Ah) || !double.IsFinite(voltage_V) || !double.IsFinite(current_A) || !double.IsFinite(expectedVoltage_V))
        {
            Rejected++;
            return;
        }

        Test.Window.Add(charge_Ah, voltage_V, expectedVoltage_V);
        if (current_A >= _options.MinimumCurrent_A)
        {
            Test.Test(time_s, charge_Ah, 1, 0, 0);
        }
    }

    public void Reset()
    {
        Test.Reset();
        Rejected = 0;
    }
}
