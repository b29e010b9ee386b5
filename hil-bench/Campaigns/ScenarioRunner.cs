using System.Diagnostics;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Safety;
using ChargeTwin.Controller.Session;
using ChargeTwin.Controller.Twin;
using ChargeTwin.HilBench.Controllers;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.HilBench.Numerics;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.PowerStage;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Runs one scenario on the virtual clock: the plant is built, an optional drive cycle discharges it, then the charge
/// runs period by period — sample the true plant → sensor model → the link (the controller decides; on the CAN link
/// through the DBC's frames) → metrics and end checks → the power stage drives the plant to the next period (stopping
/// exactly there, so a new command never restarts the integrator). Metrics come from the truth; the trace keeps both.
/// With an <see cref="ExternalController"/> (real-time HIL) the same loop runs on the wall clock against a controller
/// in another process, and at the end the output is held off until that controller has stopped.
/// </summary>
public sealed class ScenarioRunner(Campaign campaign, Func<string, ParameterSet> cells, ExternalController? external = null)
{
    /// <summary>The charge counts as stopped by the controller after its output has been off this long [s].</summary>
    public const double StoppedAfter_s = 60;

    public ScenarioResult Run(Scenario scenario, ScenarioTrace? trace = null)
    {
        var clock = Stopwatch.StartNew();
        CellSimulator? plant = null;
        Charge? charge = null;
        var metrics = new GroundTruthMetrics(scenario.TargetSoc, campaign.CoverageK);
        try
        {
            var faults = new FaultTimeline(scenario.AllFaults);
            plant = NewPlant(scenario, faults);
            var random = new BenchRandom(scenario.Seed);
            var sensors = new SensorModel(scenario.Sensors, random.NextUInt64(), faults);
            var recorder = new ScenarioRecorder(plant, trace, campaign.Period_s);
            if (!scenario.Discharge.IsNone)
            {
                RunDischarge(scenario.Discharge, plant, sensors, campaign.Period_s, recorder);
            }

            charge = Connect(scenario, plant, sensors, random);
            metrics.Reaction = new FaultReactionMetrics(faults, plant.Model.Parameters.NominalCapacity_Ah / 20, Ftti_s, monitored: charge.Link is CanLink && charge.Controller is SessionController);
            if (charge.Link is CanLink can)
            {
                var reaction = metrics.Reaction;
                can.TickObserver = (chargeTime, terminals, verdict) => reaction.AddTick(chargeTime, verdict, terminals.Current_A);
            }

            if (charge.Twin is not null)
            {
                metrics.HealthTruth = HealthTruth.Of(plant.Model.Parameters, new DfnParameters(cells(scenario.Cell)));
            }

            var (end, detail) = RunCharge(scenario, plant, sensors, charge, metrics, recorder);
            var realTime = external is not null && charge.Link is CanLink hil ? external.Finish(hil, plant.Time_s - charge.Start_s) : null;
            return Result(scenario, end, detail, metrics, clock, plant, charge) with { RealTime = realTime };
        }
        catch (Exception e) when (e is BdfSolverException or ArgumentException or InvalidOperationException or ParameterValueException)
        {
            return Result(scenario, ScenarioEnd.Error, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}", metrics, clock, plant, charge);
        }
        finally
        {
            external?.Release();
        }
    }

    /// <summary>The controller under test, the power stage it drives and the link between them.</summary>
    /// <summary>The controller under test, the power stage it drives and the link between them; the twin (when it is the twin) for the metrics and the trace.</summary>
    /// <summary>The controller is null when it is external (a separate process, seen only through the wire).</summary>
    private sealed record Charge(IChargeController? Controller, PowerStageEmulator Stage, IControllerLink Link, double Start_s, TwinController? Twin);

    private CellSimulator NewPlant(Scenario scenario, FaultTimeline faults)
    {
        var cell = cells(scenario.Cell);
        var parameters = new DfnParameters(scenario.Draw?.Apply(cell) ?? cell, scenario.Ageing.State, scenario.Ambient_K, scenario.Ambient_K);
        var options = campaign.Plant.ToModelOptions() with { InternalShort = faults.HasInternalShort };
        return new CellSimulator(new DfnModel(parameters, options), scenario.StartSoc);
    }

    /// <summary>At plug-in: the charger's ratings, what the controller is told, the controller itself, and the link.</summary>
    private Charge Connect(Scenario scenario, CellSimulator plant, SensorModel sensors, BenchRandom random)
    {
        var capacity = plant.Model.Parameters.NominalCapacity_Ah;
        var socReport = Math.Clamp(plant.Sample().StateOfCharge + scenario.Sensors.InitialSocSigma * random.NextGaussian(), 0, 1);
        var ratings = new PowerStageRatings(
            campaign.Charger.MaxCurrent.Resolve(capacity), campaign.Charger.MaxVoltage_V, campaign.Charger.Slew.Resolve(capacity), campaign.Charger.HeartbeatTimeout_s)
        {
            VoltageSenseBias_V = scenario.Sensors.Voltage.Bias,
        };
        var context = new ControllerContext(capacity, ratings.MaxCurrent_A, ratings.MaxVoltage_V, campaign.Period_s, socReport, scenario.Sensors.InitialSocSigma);
        var monitor = new SafetyMonitor();
        IChargeController? controller = scenario.Controller switch
        {
            ExternalControllerSpec when external is not null => null,
            ExternalControllerSpec => throw new InvalidOperationException("an external controller runs only in real-time HIL (chargetwin-bench hil --controller udp://HOST:PORT)"),
            _ when external is not null => throw new InvalidOperationException($"real-time HIL runs the external controller, not {scenario.Controller.Type}"),
            CcCvSpec s => new CcCvController(s, context),
            MultiStageCcSpec s => new MultiStageCcController(s, context),
            PressureTriggeredSpec s => new PressureTriggeredController(s, context),
            OracleSpec s => new OracleController(s, context, plant, ratings),

            // The cell file the charger is configured with — never the scenario's plant parameters. The twin runs as
            // ChargeTwin runs it: inside the charging session, with the safety monitor in the link (CAN) every tick.
            TwinSpec s => Session(new TwinController(s, context, cells(scenario.Cell)), monitor),
            _ => throw new InvalidOperationException($"no controller for {scenario.Controller.Type}"),
        };

        var stage = new PowerStageEmulator(ratings);
        var start = plant.Time_s;
        IControllerLink link = controller is null
            ? external!.Connect(BenchProtocol.Database, stage, plant, sensors, start, campaign.Period_s, scenario.Ambient_K)
            : campaign.Link == LinkKind.Can
            ? new CanLink(BenchProtocol.Database, controller, stage, plant, sensors, start, campaign.Period_s, scenario.Ambient_K, controller is SessionController ? monitor : null)
            : new DirectLink(controller, stage, plant);
        return new Charge(controller, stage, link, start, (controller as SessionController)?.Inner as TwinController);
    }

    /// <summary>A diagnosis row's fault-tolerant time interval [s] (the default table's; NaN for an id it does not hold).</summary>
    private static double Ftti_s(string id) =>
        DiagnosisTable.Default.IndexOf(id == PowerStageNode.SupervisionMechanism ? PowerStageNode.SupervisionFttiRow : id) is var i and >= 0
            ? DiagnosisTable.Default.Rows[i].FttiNs / 1e9
            : double.NaN;

    /// <summary>The operator plugs in and starts the session.</summary>
    private static SessionController Session(TwinController twin, SafetyMonitor monitor)
    {
        var session = new SessionController(twin, monitor: monitor);
        session.Start();
        return session;
    }

    /// <summary>The charge, one control period at a time, until the target, the time limit, a stop or an abort.</summary>
    private (ScenarioEnd End, string Detail) RunCharge(Scenario scenario, CellSimulator plant, SensorModel sensors, Charge charge, GroundTruthMetrics metrics, ScenarioRecorder recorder)
    {
        var period = campaign.Period_s;
        var offSince = double.NaN;
        var faults = sensors.Faults;
        for (var k = 0; ; k++)
        {
            var chargeTime = k * period;
            var t = charge.Start_s + chargeTime;
            var truth = InjectPlantFaults(plant, faults, chargeTime);
            var measured = sensors.Measure(truth, chargeTime);
            var silent = sensors.HeartbeatLost(chargeTime);
            var setpoint = charge.Link.Exchange(t, chargeTime, measured, silent);
            var estimate = charge.Controller?.StateOfCharge ?? Estimate.None;
            metrics.Add(truth, plant.ChargeThroughput_Ah(truth), estimate, charge.Twin);
            metrics.Reaction!.AddControlInstant(chargeTime, charge.Link is CanLink can ? can.ReactionInForce : charge.Link.Verdict, truth.Current_A);
            recorder.Record(truth, charge.Link.Delivered, chargeTime, setpoint, estimate, "charge", charge.Stage.Mode.ToString(), charge.Twin);

            if ((End(scenario, truth, chargeTime, metrics, charge.Link) ?? FaultWindowEnd(faults, chargeTime)) is { } end)
            {
                return end;
            }

            var off = !silent && !setpoint.Enable;
            offSince = off ? (double.IsNaN(offSince) ? chargeTime : offSince) : double.NaN;
            if (off && chargeTime - offSince >= StoppedAfter_s)
            {
                return (ScenarioEnd.ControllerStopped, System.FormattableString.Invariant($"controller stopped ({setpoint.Reason}) at {truth.StateOfCharge * 100:0.0} % SOC"));
            }

            var (overshoot, stuck) = faults.StageState(chargeTime);
            charge.Stage.SetFaults(overshoot, stuck, plant);
            charge.Link.Advance(t, chargeTime, charge.Start_s + ((k + 1) * period));
        }
    }

    /// <summary>
    /// At a control instant: SOC-triggered faults whose SOC the true cell has reached begin, and the plant takes the
    /// plant faults in force (reinitialising only when they change). Returns the truth after them.
    /// </summary>
    private static PlantSample InjectPlantFaults(CellSimulator plant, FaultTimeline faults, double chargeTime)
    {
        var truth = plant.Sample();
        if (faults.Count == 0)
        {
            return truth;
        }

        faults.Arm(chargeTime, truth.StateOfCharge);
        var state = faults.PlantState(chargeTime);
        if (state == plant.Model.Faults)
        {
            return truth;
        }

        plant.SetFaults(state);
        return plant.Sample();
    }

    /// <summary>The scenario ends <c>stop_after_fault</c> after its first fault began.</summary>
    private (ScenarioEnd End, string Detail)? FaultWindowEnd(FaultTimeline faults, double chargeTime)
    {
        var onset = faults.FirstOnset_s(chargeTime);
        return chargeTime - onset >= campaign.StopAfterFault_s
            ? (ScenarioEnd.FaultWindowEnded, System.FormattableString.Invariant($"stopped {campaign.StopAfterFault_s:0.#} s after the fault's onset at {onset:0.##} s"))
            : null;
    }

    /// <summary>Why the scenario ends at this period, or null when it goes on.</summary>
    private (ScenarioEnd End, string Detail)? End(Scenario scenario, in PlantSample truth, double chargeTime, GroundTruthMetrics metrics, IControllerLink link)
    {
        if (truth.Voltage_V > campaign.Safety.AbortVoltage_V || truth.Temperature_K > campaign.Safety.AbortTemperature_K)
        {
            return (ScenarioEnd.Aborted, System.FormattableString.Invariant($"bench safety abort at {chargeTime:0} s: {truth.Voltage_V:0.000} V, {truth.Temperature_K - 273.15:0.0} °C"));
        }

        if (link.WireError is { } wire)
        {
            return (ScenarioEnd.Error, $"wire: {wire}");
        }

        if (metrics.ReachedTarget)
        {
            return (ScenarioEnd.ReachedTarget, System.FormattableString.Invariant($"reached {scenario.TargetSoc * 100:0} % SOC"));
        }

        if (chargeTime >= campaign.TimeLimit_s)
        {
            return (ScenarioEnd.TimeLimit, System.FormattableString.Invariant($"time limit {campaign.TimeLimit_s / 60:0} min at {truth.StateOfCharge * 100:0.0} % SOC"));
        }

        return null;
    }

    private static ScenarioResult Result(Scenario s, ScenarioEnd end, string detail, GroundTruthMetrics metrics, Stopwatch clock, CellSimulator? plant, Charge? charge)
    {
        var oracle = charge?.Controller as OracleController;
        if (oracle is not null)
        {
            detail += System.FormattableString.Invariant($"; oracle: {oracle.Decisions} decisions, {oracle.Evaluations} forked-plant runs, {oracle.CappedDecisions} stopped by max_evaluations before reaching the resolution");
        }

        if (s.AllFaults.Count > 0)
        {
            detail += "; faults: " + string.Join(", ", s.AllFaults.Select(f => f.Describe()));
        }

        return new(s, end, detail, metrics.Values(), clock.Elapsed.TotalSeconds, plant?.Statistics.Steps ?? 0, oracle?.Evaluations ?? 0)
        {
            Wire = charge?.Link.Statistics ?? LinkStatistics.None,
            DetectingRow = metrics.Reaction?.DetectingRow ?? "",
        };
    }

    /// <summary>A drive-cycle discharge before the charge (an electronic load following the profile), then a rest.</summary>
    private static void RunDischarge(DischargeSpec d, CellSimulator plant, SensorModel sensors, double period, ScenarioRecorder recorder)
    {
        var lower = plant.Model.Parameters.LowerVoltageCutoff_V;
        plant.SetEvents([new PlantEvent(PlantEventKind.VoltageBelow, lower)]);
        var length = d.Time_s[^1];
        var total = length * d.Repeat;
        var none = Setpoint.Off("drive cycle");
        var stopped = false;
        for (var t = 0.0; t < total && !stopped; t += period)
        {
            var s = plant.Sample();
            var m = sensors.Measure(s, double.NegativeInfinity);
            recorder.Record(s, m, double.NaN, none, Estimate.None, "discharge", "load");
            var value = Interpolate(d.Time_s, d.Value, t % length) * d.Scale;
            var current = d.IsPower ? -value / Math.Max(s.Voltage_V, 1) : -value;
            PowerStageEmulator.Command(plant, current, 1000);
            stopped = !plant.AdvanceTo(plant.Time_s + period, stopAtTarget: true);
        }

        plant.SetEvents([]);
        PowerStageEmulator.Command(plant, 0, 1000);
        var restEnd = plant.Time_s + d.Rest_s;
        var rest = Setpoint.Off("rest");
        while (plant.Time_s < restEnd - 1e-9)
        {
            var s = plant.Sample();
            recorder.Record(s, sensors.Measure(s, double.NegativeInfinity), double.NaN, rest, Estimate.None, "rest", "off");
            plant.AdvanceTo(Math.Min(restEnd, plant.Time_s + period), stopAtTarget: true);
        }
    }

    private static double Interpolate(double[] x, double[] y, double at)
    {
        var i = Array.BinarySearch(x, at);
        if (i >= 0)
        {
            return y[i];
        }

        i = ~i;
        if (i == 0)
        {
            return y[0];
        }

        if (i >= x.Length)
        {
            return y[^1];
        }

        var w = (at - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + w * (y[i] - y[i - 1]);
    }
}
