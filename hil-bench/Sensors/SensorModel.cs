using ChargeTwin.Controller.Contract;
using ChargeTwin.HilBench.Campaigns;
using ChargeTwin.HilBench.Faults;
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

    /// <summary>The suite's sensors with the suite's own faults.</summary>
    public SensorModel(SensorSuite suite, ulong seed)
        : this(suite, seed, new FaultTimeline(suite.Faults))
    {
    }

    /// <summary>The suite's sensors with the faults of <paramref name="faults"/> (a scenario's: its suite's and its fault set's).</summary>
    public SensorModel(SensorSuite suite, ulong seed, FaultTimeline faults)
    {
        Suite = suite;
        Faults = faults;
        SensorChannel Make(SensorChannelId id) => new(suite[id], id, seed ^ (0x51ED27A3C0FFEEUL * (ulong)(id + 1)), faults);
        _voltage = Make(SensorChannelId.Voltage);
        _current = Make(SensorChannelId.Current);
        _temperature = Make(SensorChannelId.Temperature);
        _pressure = Make(SensorChannelId.Pressure);
    }

    public SensorSuite Suite { get; }

    /// <summary>When the injected faults act.</summary>
    public FaultTimeline Faults { get; }

    /// <summary>Measures the plant's sample; <paramref name="chargeTime_s"/> is time since the charge began (fault times count from there).</summary>
    public MeasuredSample Measure(in PlantSample truth, double chargeTime_s) => new(
        truth.Time_s,
        _voltage.Read(truth.Voltage_V, truth.Time_s, chargeTime_s),
        _current.Read(truth.Current_A, truth.Time_s, chargeTime_s),
        _temperature.Read(truth.Temperature_K, truth.Time_s, chargeTime_s),
        _pressure.Read(truth.StackPressure_Pa, truth.Time_s, chargeTime_s));

    /// <summary>True while an injected controller hang (heartbeat loss) silences the controller.</summary>
    public bool HeartbeatLost(double chargeTime_s) => Faults.ControllerHung(chargeTime_s);
}
