using ChargeTwin.Controller.Contract;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Sensors;

/// <summary>
/// The sensors between the true plant and the controller: voltage, current, temperature and pressure
/// channels, each with its own random stream derived from the scenario's seed.
/// </summary>
public sealed class SensorModel
{
    private readonly SensorChannel _voltage;
    private readonly SensorChannel _current;
    private readonly SensorChannel _temperature;
    private readonly SensorChannel _pressure;

    public SensorModel(SensorSuite suite, ulong seed)
    {
        Suite = suite;
        SensorChannel Make(SensorChannelId id) => new(suite[id], seed ^ (0x51ED27A3C0FFEEUL * (ulong)(id + 1)),
            suite.Faults.Where(f => f.Kind != SensorFaultKind.HeartbeatLoss && f.Channel == id));
        _voltage = Make(SensorChannelId.Voltage);
        _current = Make(SensorChannelId.Current);
        _temperature = Make(SensorChannelId.Temperature);
        _pressure = Make(SensorChannelId.Pressure);
    }

    public SensorSuite Suite { get; }

    /// <summary>Measures the plant's sample; <paramref name="chargeTime_s"/> is time since the charge began (fault times count from there).</summary>
    public MeasuredSample Measure(in PlantSample truth, double chargeTime_s) => new(
        truth.Time_s,
        _voltage.Read(truth.Voltage_V, truth.Time_s, chargeTime_s),
        _current.Read(truth.Current_A, truth.Time_s, chargeTime_s),
        _temperature.Read(truth.Temperature_K, truth.Time_s, chargeTime_s),
        _pressure.Read(truth.StackPressure_Pa, truth.Time_s, chargeTime_s));

    /// <summary>True while an injected heartbeat loss silences the controller.</summary>
    public bool HeartbeatLost(double chargeTime_s)
    {
        foreach (var f in Suite.Faults)
        {
            if (f.Kind == SensorFaultKind.HeartbeatLoss && chargeTime_s >= f.At_s && chargeTime_s < f.At_s + f.Duration_s)
            {
                return true;
            }
        }

        return false;
    }
}
