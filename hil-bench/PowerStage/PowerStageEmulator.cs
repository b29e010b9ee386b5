using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.PowerStage;

/// <summary>
/// What the power stage is told to do for the next period, however it was told (a <c>PS_Setpoint</c> frame, or the
/// direct link): the limits, whether the output is on, and the largest ramp rate (NaN: the stage's own rating).
/// </summary>
public readonly record struct PowerStageCommand(double CurrentLimit_A, double VoltageLimit_V, bool Enable, double RampRate_APerS = double.NaN)
{
    /// <summary>Output off by the stage's own decision (its setpoint timeout: SafeRampDown) — the current falls at the stage's shutdown slew.</summary>
    public static PowerStageCommand Off { get; } = new(0, 0, false);
}

/// <summary>The power stage's ratings in base units (C-rates resolved).</summary>
public sealed record PowerStageRatings(double MaxCurrent_A, double MaxVoltage_V, double Slew_APerS, double HeartbeatTimeout_s)
{
    /// <summary>
    /// How fast the current falls whenever the output goes off [A/s]: the stage stops switching and its output
    /// inductor's current decays within milliseconds. A setpoint change ramps at <see cref="Slew_APerS"/>; an output
    /// off does not wait for that ramp, whether the controller sends it (its disable, the safety monitor's stop) or the
    /// stage decides it (SafeRampDown on a setpoint timeout, <see cref="PowerStageCommand.Off"/>). faults.yaml showed
    /// why the second matters: a stage that ramped down at its 5 A/s slew after losing its setpoints kept charging an
    /// unwatched cell for 0.5–2.7 s, beyond SM-41's 500 ms FTTI and after a controller hang.
    /// </summary>
    public double ShutdownSlew_APerS { get; init; } = 1000;

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
/// current than the voltage loop draws). When the controller has gone silent is the link's business (a heartbeat
/// timeout on the direct link, the E2E supervision of <c>PS_Setpoint</c> on the CAN link): it then commands
/// <see cref="PowerStageCommand.Off"/>.
/// </summary>
public sealed class PowerStageEmulator(PowerStageRatings ratings)
{
    private readonly PlantEvent[] _voltageEvent = new PlantEvent[1];
    private double _cvVoltage_V = double.NaN;
    private double _slew_APerS = ratings.Slew_APerS;
    private double _overshoot = 1;
    private bool _stuck;

    public PowerStageRatings Ratings { get; } = ratings;

    public RegulationMode Mode { get; private set; } = RegulationMode.Off;

    /// <summary>The current limit in force [A].</summary>
    public double CurrentLimit_A { get; private set; }

    /// <summary>The (measured-)voltage limit in force [V].</summary>
    public double VoltageLimit_V { get; private set; }

    /// <summary>The current ramp rate in force [A/s]: the stage's rating, or less when the command asks for less.</summary>
    public double Slew_APerS => _slew_APerS;

    /// <summary>True while an injected fault holds the output whatever the stage is told.</summary>
    public bool Stuck => _stuck;

    /// <summary>
    /// Injected faults from now on: the stage delivers <paramref name="overshootFactor"/> × the current it is told
    /// (beyond its rating too), and, when <paramref name="stuck"/>, holds the current it delivers now — leaving its
    /// voltage loop, ignoring every later command, disable and timeouts included — until the fault ends.
    /// </summary>
    public void SetFaults(double overshootFactor, bool stuck, CellSimulator plant)
    {
        _overshoot = overshootFactor;
        if (stuck && !_stuck)
        {
            var present = plant.State[plant.Model.Indices.Current];
            plant.SetEvents([]);
            Command(plant, present, _slew_APerS);
            Mode = RegulationMode.ConstantCurrent;
            CurrentLimit_A = present;
        }

        _stuck = stuck;
    }

    /// <summary>Sets the output from now on (unless an injected fault holds it).</summary>
    public void Apply(in PowerStageCommand command, CellSimulator plant)
    {
        if (_stuck)
        {
            return;
        }

        var on = command.Enable && command.CurrentLimit_A > 0;
        _slew_APerS = !command.Enable ? Math.Max(Ratings.ShutdownSlew_APerS, Ratings.Slew_APerS)
            : command.RampRate_APerS > 0 ? Math.Min(command.RampRate_APerS, Ratings.Slew_APerS) : Ratings.Slew_APerS;
        CurrentLimit_A = on ? Math.Min(command.CurrentLimit_A, Ratings.MaxCurrent_A) * _overshoot : 0;
        VoltageLimit_V = on ? Math.Min(command.VoltageLimit_V, Ratings.MaxVoltage_V) : Ratings.MaxVoltage_V;
        var regulated = VoltageLimit_V - Ratings.VoltageSenseBias_V;
        var present = plant.State[plant.Model.Indices.Current];

        var leftVoltageLoop = false;
        if (Mode == RegulationMode.ConstantVoltage && plant.Model.Mode == OperatingMode.Voltage)
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

        Mode = on ? RegulationMode.ConstantCurrent : RegulationMode.Off;
        _cvVoltage_V = regulated;
        _voltageEvent[0] = new PlantEvent(PlantEventKind.VoltageAbove, regulated);
        plant.SetEvents(on ? _voltageEvent : []);
        Command(plant, CurrentLimit_A);
    }

    /// <summary>Changes below this are not commanded [A] (a power stage's DAC resolution is far coarser).</summary>
    public const double CommandDeadband_A = 1e-6;

    private void Command(CellSimulator plant, double current_A) => Command(plant, current_A, _slew_APerS);

    /// <summary><see cref="CellSimulator.CommandCurrent"/> with the deadband (changes below <see cref="CommandDeadband_A"/> keep the present current).</summary>
    public static void Command(CellSimulator plant, double current_A, double slew_APerS)
    {
        // A change of a few ulps would be a ramp shorter than the time's resolution, which the plant's
        // integrator cannot step across (AdvanceTo then never returns); keep the present current instead.
        var present = plant.State[plant.Model.Indices.Current];
        plant.CommandCurrent(Math.Abs(current_A - present) < CommandDeadband_A && plant.Model.Mode == OperatingMode.Current ? present : current_A, slew_APerS);
    }

    /// <summary>Advances the plant to <paramref name="t_s"/>, switching to the voltage loop where the voltage reaches its limit.</summary>
    public void AdvanceTo(CellSimulator plant, double t_s) => AdvanceTo(plant, t_s, t_s);

    /// <summary>
    /// Advances the plant to <paramref name="t_s"/> (interpolated) without stepping past <paramref name="stopTime_s"/>,
    /// the next instant the command may change; switches to the voltage loop where the voltage reaches its limit.
    /// </summary>
    public void AdvanceTo(CellSimulator plant, double t_s, double stopTime_s)
    {
        var guard = 0;
        while (!plant.AdvanceTo(t_s, stopTime_s))
        {
            if (Mode == RegulationMode.ConstantCurrent && !_stuck && guard++ < 4)
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
        Mode = RegulationMode.ConstantVoltage;
        _cvVoltage_V = regulated;
    }
}
