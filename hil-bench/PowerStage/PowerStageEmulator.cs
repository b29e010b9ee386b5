using ChargeTwin.Controller.Contract;
using ChargeTwin.HilBench.Controllers;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.PowerStage;

/// <summary>What the power stage is regulating.</summary>
public enum PowerStageMode
{
    /// <summary>Output disabled (current commanded to 0 through the slew limit).</summary>
    Off,

    /// <summary>Constant current: the current command, reached through the slew limit.</summary>
    ConstantCurrent,

    /// <summary>Constant voltage: the voltage loop holds the terminal voltage at the limit.</summary>
    ConstantVoltage,
}

/// <summary>The power stage's ratings in base units (C-rates resolved).</summary>
public sealed record PowerStageRatings(double MaxCurrent_A, double MaxVoltage_V, double Slew_APerS, double HeartbeatTimeout_s)
{
    /// <summary>
    /// The bias of the stage's own voltage measurement [V]: its voltage loop regulates the measured voltage, so the
    /// true terminal voltage settles at limit − bias.
    /// </summary>
    public double VoltageSenseBias_V { get; init; }
}

/// <summary>
/// The charger power stage between the controller and the cell: current limit and slew (a
/// <see cref="CellSimulator.CommandCurrent"/> ramp, no integrator restart), voltage limit (the moment the
/// terminal voltage reaches it — located as a plant event — the stage switches to its voltage loop, emulated as
/// <see cref="CellSimulator.Hold"/> at the limit; it returns to current control when the controller asks for less
/// current than the voltage loop draws), and a heartbeat timeout: when the controller has been silent for longer,
/// the output ramps to zero.
/// </summary>
public sealed class PowerStageEmulator(PowerStageRatings ratings)
{
    private readonly PlantEvent[] _voltageEvent = new PlantEvent[1];
    private double _lastHeartbeat_s = double.NegativeInfinity;
    private double _cvVoltage_V = double.NaN;

    public PowerStageRatings Ratings { get; } = ratings;

    public PowerStageMode Mode { get; private set; } = PowerStageMode.Off;

    /// <summary>The current limit in force [A].</summary>
    public double CurrentLimit_A { get; private set; }

    /// <summary>The (measured-)voltage limit in force [V].</summary>
    public double VoltageLimit_V { get; private set; }

    /// <summary>True while the output is off because the controller's heartbeat timed out.</summary>
    public bool HeartbeatTimedOut { get; private set; }

    /// <summary>The controller ran at <paramref name="t_s"/> (plant time).</summary>
    public void Heartbeat(double t_s) => _lastHeartbeat_s = t_s;

    /// <summary>Sets the output for the period starting now from the controller's (possibly stale) setpoint.</summary>
    public void Apply(in Setpoint setpoint, CellSimulator plant)
    {
        var t = plant.Time_s;
        HeartbeatTimedOut = t - _lastHeartbeat_s > Ratings.HeartbeatTimeout_s + 1e-9;
        var on = setpoint.Enable && !HeartbeatTimedOut && setpoint.CurrentLimit_A > 0;
        CurrentLimit_A = on ? Math.Min(setpoint.CurrentLimit_A, Ratings.MaxCurrent_A) : 0;
        VoltageLimit_V = on ? Math.Min(setpoint.VoltageLimit_V, Ratings.MaxVoltage_V) : Ratings.MaxVoltage_V;
        var regulated = VoltageLimit_V - Ratings.VoltageSenseBias_V;
        var present = plant.State[plant.Model.Indices.Current];

        var leftVoltageLoop = false;
        if (Mode == PowerStageMode.ConstantVoltage && plant.Model.Mode == OperatingMode.Voltage)
        {
            if (on && regulated == _cvVoltage_V && present <= CurrentLimit_A + 1e-9)
            {
                return;
            }

            // Leave the voltage loop for current control below what it draws (or off): the voltage falls from the limit.
            leftVoltageLoop = on && regulated >= _cvVoltage_V;
        }

        if (on && !leftVoltageLoop && plant.Model.TerminalVoltage(plant.State) >= regulated - 1e-9)
        {
            EnterConstantVoltage(plant, regulated);
            if (plant.State[plant.Model.Indices.Current] <= CurrentLimit_A + 1e-9)
            {
                return;
            }
        }

        Mode = on ? PowerStageMode.ConstantCurrent : PowerStageMode.Off;
        _cvVoltage_V = regulated;
        _voltageEvent[0] = new PlantEvent(PlantEventKind.VoltageAbove, regulated);
        plant.SetEvents(on ? _voltageEvent : []);
        Command(plant, CurrentLimit_A);
    }

    /// <summary>Changes below this are not commanded [A] (a power stage's DAC resolution is far coarser).</summary>
    public const double CommandDeadband_A = 1e-6;

    private void Command(CellSimulator plant, double current_A) => Command(plant, current_A, Ratings.Slew_APerS);

    /// <summary><see cref="CellSimulator.CommandCurrent"/> with the deadband (changes below <see cref="CommandDeadband_A"/> keep the present current).</summary>
    public static void Command(CellSimulator plant, double current_A, double slew_APerS)
    {
        // A change of a few ulps would be a ramp shorter than the time's resolution, which the plant's
        // integrator cannot step across (AdvanceTo then never returns); keep the present current instead.
        var present = plant.State[plant.Model.Indices.Current];
        plant.CommandCurrent(Math.Abs(current_A - present) < CommandDeadband_A && plant.Model.Mode == OperatingMode.Current ? present : current_A, slew_APerS);
    }

    /// <summary>Advances the plant to <paramref name="t_s"/>, switching to the voltage loop where the voltage reaches its limit.</summary>
    public void AdvanceTo(CellSimulator plant, double t_s)
    {
        var guard = 0;
        while (!plant.AdvanceTo(t_s, stopAtTarget: true))
        {
            if (Mode == PowerStageMode.ConstantCurrent && guard++ < 4)
            {
                EnterConstantVoltage(plant, _cvVoltage_V);
            }
            else
            {
                plant.SetEvents([]);
            }
        }
    }

    private void EnterConstantVoltage(CellSimulator plant, double regulated)
    {
        plant.Hold(OperatingMode.Voltage, regulated);
        Mode = PowerStageMode.ConstantVoltage;
        _cvVoltage_V = regulated;
    }
}
