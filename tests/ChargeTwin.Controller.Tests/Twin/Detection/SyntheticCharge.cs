using ChargeTwin.Controller.Twin.Detection;

namespace ChargeTwin.Controller.Tests.Twin.Detection;

/// <summary>
/// A synthetic constant-current charge sampled every second, shaped like the bench's 2C charge at 0 °C: predicted
/// thickness Δh(q) rising with a curvature (thermal expansion slowing as the cell warms), stack pressure
/// P = P₀ + G·Δh + an optional plating excess δ·(q − q_step)⁺, passed through the bench's pressure sensor model
/// (2 s lag, 50 Pa Gaussian noise, quantisation). Voltage: an OCV-like curve with the same kind of excess slope
/// (negative: plating flattens it) and its own sensor noise.
/// </summary>
internal sealed class SyntheticCharge
{
    public const double Gain_PaPerM = 2e9;
    public const double Preload_Pa = 1e5;

    private readonly Random _random;
    private readonly FirstOrderLag _sensorLag;
    private readonly double _current_A;
    private readonly double _lag_s;
    private int _k;

    public SyntheticCharge(int seed, double current_A = 10, double pressureNoise_Pa = 50, double pressureStep_Pa = 10, double lag_s = 2)
    {
        _random = new Random(seed);
        _sensorLag = new FirstOrderLag(lag_s);
        _lag_s = lag_s;
        _current_A = current_A;
        PressureNoise_Pa = pressureNoise_Pa;
        PressureStep_Pa = pressureStep_Pa;
    }

    public double PressureNoise_Pa { get; }

    public double PressureStep_Pa { get; }

    /// <summary>Excess dP/dQ from plating after <see cref="StepCharge_Ah"/> [Pa/(A h)].</summary>
    public double PressureExcess_PaPerAh { get; init; }

    /// <summary>Excess dV/dQ from plating after <see cref="StepCharge_Ah"/> [V/(A h)].</summary>
    public double VoltageExcess_VPerAh { get; init; }

    public double StepCharge_Ah { get; init; } = double.PositiveInfinity;

    public double VoltageNoise_V { get; init; } = 1e-3;

    public double VoltageStep_V { get; init; } = 1e-3;

    public double Time_s { get; private set; }

    public double Charge_Ah { get; private set; }

    public double Pressure_Pa { get; private set; }

    public double ExpectedThickness_m { get; private set; }

    public double Voltage_V { get; private set; }

    public double ExpectedVoltage_V { get; private set; }

    public double Current_A => _current_A;

    /// <summary>
    /// What a window of <paramref name="window_Ah"/> ending now should measure [Pa/(A h)]: the true dP/dQ at its middle
    /// (the curvature is symmetric about it), moved back by the charge passed in one sensor lag, since the sensor reads
    /// the pressure of τ seconds ago. No plating excess.
    /// </summary>
    public double WindowDpDq_PaPerAh(double window_Ah) => Gain_PaPerM * ThicknessSlope(Charge_Ah - (window_Ah / 2) - (_current_A * _lag_s / 3600));

    /// <summary>Advances one second and samples.</summary>
    public void Next()
    {
        Time_s = _k++;
        Charge_Ah = _current_A * Time_s / 3600;
        var excess = Math.Max(Charge_Ah - StepCharge_Ah, 0);
        ExpectedThickness_m = Thickness(Charge_Ah);
        var truth = Preload_Pa + (Gain_PaPerM * ExpectedThickness_m) + (PressureExcess_PaPerAh * excess);
        Pressure_Pa = Quantise(_sensorLag.Update(Time_s, truth) + (PressureNoise_Pa * Gaussian()), PressureStep_Pa);
        ExpectedVoltage_V = 3.5 + (0.12 * Charge_Ah) + (0.02 * Math.Sin(3 * Charge_Ah));
        Voltage_V = Quantise(ExpectedVoltage_V + (VoltageExcess_VPerAh * excess) + (VoltageNoise_V * Gaussian()), VoltageStep_V);
    }

    /// <summary>30 µm/A h falling to 5 µm/A h over 3 A h: the bench's 2C charge at 0 °C has this shape.</summary>
    private static double Thickness(double q) => (30e-6 * q) - (25e-6 * q * q / 6);

    private static double ThicknessSlope(double q) => 30e-6 - (25e-6 * q / 3);

    private static double Quantise(double value, double step) => step > 0 ? Math.Round(value / step) * step : value;

    private double Gaussian()
    {
        var u = 1 - _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble());
    }
}
