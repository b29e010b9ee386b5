using ChargeTwin.Controller.Safety;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.Controller.Tests.Safety;

/// <summary>
/// A nominal 1C CC-CV charge of a 5 Ah LG M50-like cell from 20 % SOC, written analytically (OCV linear in SOC,
/// 40 mΩ, lumped thermal 79 J/K and 0.1 W/K, stack pressure rising 50 kPa over the charge), seen through the bench's
/// "bench" sensor suite (hil-bench/campaign-files/README.md): voltage noise 1 mV, bias 2 mV, quantisation 1 mV;
/// current 5 mA, 5 mA, 1 mA; temperature 0.1 K, 0.3 K, 0.1 K with a 20 s lag; pressure 50 Pa, quantisation 10 Pa
/// with a 2 s lag. The cell front end and the power stage measure voltage and current with independent sensors
/// whose biases are ±3σ apart (worse than the bench, where both carry one sample), and each reading is rounded to
/// its DBC signal's resolution. One <see cref="Next"/> is one 10 ms monitor tick; the power stage ramps at 5 A/s;
/// the estimator reports a χ²(1) NIS once a second. Seeded: the same seed gives the same charge.
/// </summary>
internal sealed class SyntheticCharge(int seed, double ambient_K = 298.15)
{
    public const long TickNs = 10_000_000;
    public const double Capacity_Ah = 5;
    public const double Current_A = 5;
    private const double Resistance_Ohm = 0.040;
    private const double HeatCapacity_J_per_K = 79;
    private const double Cooling_W_per_K = 0.1;

    private readonly Random _random = new(seed);
    private readonly double _ambient_K = ambient_K;
    private long _tick;
    private double _soc = 0.2;
    private double _current_A;
    private double _temperature_K = ambient_K;
    private double _laggedTemperature_K = ambient_K;
    private double _laggedPressure_Pa = 1e5 + 50e3 * 0.2;
    private double _nis = 1;

    public double Time_s => _tick * TickNs * 1e-9;

    public double TrueVoltage_V { get; private set; }

    /// <summary>The next tick's inputs.</summary>
    public SafetyInputs Next()
    {
        var dt_s = TickNs * 1e-9;
        _tick++;
        var ocv = 3.45 + 0.8 * _soc;
        var ramped = Math.Min(_current_A + 5 * dt_s, Current_A);
        _current_A = Math.Max(Math.Min(ramped, (4.2 - ocv) / Resistance_Ohm), 0);
        TrueVoltage_V = ocv + _current_A * Resistance_Ohm;
        _soc += _current_A * dt_s / (Capacity_Ah * 3600);
        _temperature_K += (_current_A * _current_A * Resistance_Ohm - Cooling_W_per_K * (_temperature_K - _ambient_K)) / HeatCapacity_J_per_K * dt_s;
        _laggedTemperature_K += (_temperature_K - _laggedTemperature_K) * (1 - Math.Exp(-dt_s / 20));
        _laggedPressure_Pa += (1e5 + 50e3 * _soc - _laggedPressure_Pa) * (1 - Math.Exp(-dt_s / 2));
        if (_tick % 100 == 0)
        {
            var z = Gaussian();
            _nis = z * z;
        }

        return new SafetyInputs
        {
            TimeNs = _tick * TickNs,
            CellVoltage_V = Sensor(TrueVoltage_V, 0.001, +0.006, 0.001, 0.0001),
            CellCurrent_A = Sensor(_current_A, 0.005, +0.015, 0.001, 0.001),
            SurfaceTemperature_K = Sensor(_laggedTemperature_K, 0.1, 0.3, 0.1, 0.01),
            StackPressure_Pa = Sensor(_laggedPressure_Pa, 50, 0, 10, 2),
            CellSampleNs = _tick * TickNs,
            OutputVoltage_V = Sensor(TrueVoltage_V, 0.001, -0.006, 0.001, 0.001),
            OutputCurrent_A = Sensor(_current_A, 0.005, -0.015, 0.001, 0.01),
            PowerStageState = TrueVoltage_V >= 4.2 - 1e-9 ? PowerStageState.ConstantVoltage : PowerStageState.ConstantCurrent,
            CommandedCurrent_A = Current_A,
            CommandedEnable = true,
            InnovationNis = _nis,
        };
    }

    /// <summary>A reading: noise and bias, the sensor's quantisation, then the DBC signal's resolution.</summary>
    private double Sensor(double value, double noise, double bias, double quantum, double resolution)
    {
        var read = Math.Round((value + bias + noise * Gaussian()) / quantum) * quantum;
        return Math.Round(read / resolution) * resolution;
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
