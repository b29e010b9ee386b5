using System.Diagnostics;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Baselines;
using ChargeTwin.Controller.Contract;
using ChargeTwin.HilBench.Controllers;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.HilBench.Numerics;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.PowerStage;
using ChargeTwin.HilBench.Sensors;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Runs one scenario on the virtual clock. Each control period: sample the true plant → sensor model →
/// controller → power-stage emulator → plant advanced to the next period (stopping exactly there, so a new
/// command never restarts the integrator). Metrics come from the truth; the trace keeps both.
/// </summary>
public sealed class ScenarioRunner(Campaign campaign, Func<string, ParameterSet> cells)
{
    /// <summary>The charge counts as stopped by the controller after its output has been off this long [s].</summary>
    public const double StoppedAfter_s = 60;

    public ScenarioResult Run(Scenario scenario, ScenarioTrace? trace = null)
    {
        var clock = Stopwatch.StartNew();
        CellSimulator? plant = null;
        IChargeController? controller = null;
        var metrics = new GroundTruthMetrics(scenario.TargetSoc, campaign.CoverageK);
        try
        {
            var parameters = new DfnParameters(cells(scenario.Cell), scenario.Ageing.State, scenario.Ambient_K, scenario.Ambient_K);
            var model = new DfnModel(parameters, campaign.Plant.ToModelOptions());
            plant = new CellSimulator(model, scenario.StartSoc);
            var end = Execute(scenario, plant, metrics, trace, out controller, out var detail);
            return Result(scenario, end, detail, metrics, clock, plant, controller);
        }
        catch (Exception e) when (e is BdfSolverException or ArgumentException or InvalidOperationException or ParameterValueException)
        {
            return Result(scenario, ScenarioEnd.Error, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}", metrics, clock, plant, controller);
        }
    }

    private static ScenarioResult Result(Scenario s, ScenarioEnd end, string detail, GroundTruthMetrics metrics, Stopwatch clock, CellSimulator? plant, IChargeController? controller)
    {
        if (controller is OracleController o)
        {
            detail += System.FormattableString.Invariant($"; oracle: {o.Decisions} decisions, {o.Evaluations} forked-plant runs, {o.CappedDecisions} stopped by max_evaluations before reaching the resolution");
        }

        return new(s, end, detail, metrics.Values(), clock.Elapsed.TotalSeconds, plant?.Statistics.Steps ?? 0, (controller as OracleController)?.Evaluations ?? 0);
    }

    private ScenarioEnd Execute(Scenario scenario, CellSimulator plant, GroundTruthMetrics metrics, ScenarioTrace? trace, out IChargeController controller, out string detail)
    {
        var period = campaign.Period_s;
        var capacity = plant.Model.Parameters.NominalCapacity_Ah;
        var random = new BenchRandom(scenario.Seed);
        var sensors = new SensorModel(scenario.Sensors, random.NextUInt64());
        var dpdq = new DpDqEstimator(120, period);
        var row = new double[ScenarioTrace.DoubleColumns.Length];
        var countedCharge = 0.0;
        var lastMeasuredCurrent = double.NaN;
        var lastMeasuredTime = 0.0;

        void Record(in PlantSample s, in MeasuredSample m, double chargeTime, in Setpoint sp, Estimate est, string phase, string mode)
        {
            if (!double.IsNaN(lastMeasuredCurrent))
            {
                countedCharge += 0.5 * (lastMeasuredCurrent + m.Current_A) * (m.Time_s - lastMeasuredTime) / 3600;
            }

            lastMeasuredCurrent = m.Current_A;
            lastMeasuredTime = m.Time_s;
            var slope = dpdq.Add(m.Time_s, countedCharge, m.StackPressure_Pa);
            if (trace is null)
            {
                return;
            }

            const double mAhPerMol = PhysicalConstants.Faraday / 3.6;
            row[0] = s.Time_s;
            row[1] = chargeTime;
            row[2] = s.Current_A;
            row[3] = s.Voltage_V;
            row[4] = s.Temperature_K;
            row[5] = s.StackPressure_Pa;
            row[6] = s.StateOfCharge;
            row[7] = s.PlatingOverpotential_V;
            row[8] = s.MinimumPlatingOverpotential_V;
            row[9] = s.PlatedLithium_mol * mAhPerMol;
            row[10] = s.DeadLithium_mol * mAhPerMol;
            row[11] = plant.ChargeThroughput_Ah(s);
            row[12] = m.Voltage_V;
            row[13] = m.Current_A;
            row[14] = m.Temperature_K;
            row[15] = m.StackPressure_Pa;
            row[16] = slope;
            row[17] = sp.CurrentLimit_A;
            row[18] = sp.VoltageLimit_V;
            row[19] = est.Mean;
            row[20] = est.Sigma;
            trace.Add(row, phase, mode, sp.Reason);
        }

        // Discharge before the charge (an electronic load following the drive cycle), then rest.
        if (!scenario.Discharge.IsNone)
        {
            RunDischarge(scenario.Discharge, plant, sensors, period, Record);
        }

        var chargeStart = plant.Time_s;
        var socReport = Math.Clamp(plant.Sample().StateOfCharge + scenario.Sensors.InitialSocSigma * random.NextGaussian(), 0, 1);
        var ratings = new PowerStageRatings(
            campaign.Charger.MaxCurrent.Resolve(capacity), campaign.Charger.MaxVoltage_V, campaign.Charger.Slew.Resolve(capacity), campaign.Charger.HeartbeatTimeout_s)
        {
            VoltageSenseBias_V = scenario.Sensors.Voltage.Bias,
        };
        var context = new ControllerContext(capacity, ratings.MaxCurrent_A, ratings.MaxVoltage_V, period, socReport, scenario.Sensors.InitialSocSigma);
        controller = scenario.Controller switch
        {
            CcCvSpec s => new CcCvController(s, context),
            MultiStageCcSpec s => new MultiStageCcController(s, context),
            PressureTriggeredSpec s => new PressureTriggeredController(s, context),
            OracleSpec s => new OracleController(s, context, plant, ratings),
            _ => throw new InvalidOperationException($"no controller for {scenario.Controller.Type}"),
        };

        var stage = new PowerStageEmulator(ratings);
        var setpoint = Setpoint.Off("not started");
        var offSince = double.NaN;
        for (var k = 0; ; k++)
        {
            var t = chargeStart + k * period;
            var chargeTime = t - chargeStart;
            var truth = plant.Sample();
            var measured = sensors.Measure(truth, chargeTime);
            var silent = sensors.HeartbeatLost(chargeTime);
            if (!silent)
            {
                setpoint = controller.Step(measured, chargeTime);
                stage.Heartbeat(t);
            }

            var estimate = controller.StateOfCharge;
            metrics.Add(truth, plant.ChargeThroughput_Ah(truth), estimate);
            Record(truth, measured, chargeTime, setpoint, estimate, "charge", stage.Mode.ToString());

            if (truth.Voltage_V > campaign.Safety.AbortVoltage_V || truth.Temperature_K > campaign.Safety.AbortTemperature_K)
            {
                detail = System.FormattableString.Invariant($"bench safety abort at {chargeTime:0} s: {truth.Voltage_V:0.000} V, {truth.Temperature_K - 273.15:0.0} °C");
                return ScenarioEnd.Aborted;
            }

            if (metrics.ReachedTarget)
            {
                detail = System.FormattableString.Invariant($"reached {scenario.TargetSoc * 100:0} % SOC");
                return ScenarioEnd.ReachedTarget;
            }

            if (chargeTime >= campaign.TimeLimit_s)
            {
                detail = System.FormattableString.Invariant($"time limit {campaign.TimeLimit_s / 60:0} min at {truth.StateOfCharge * 100:0.0} % SOC");
                return ScenarioEnd.TimeLimit;
            }

            var off = !silent && !setpoint.Enable;
            offSince = off ? (double.IsNaN(offSince) ? chargeTime : offSince) : double.NaN;
            if (off && chargeTime - offSince >= StoppedAfter_s)
            {
                detail = System.FormattableString.Invariant($"controller stopped ({setpoint.Reason}) at {truth.StateOfCharge * 100:0.0} % SOC");
                return ScenarioEnd.ControllerStopped;
            }

            stage.Apply(setpoint, plant);
            stage.AdvanceTo(plant, t + period);
        }
    }

    private delegate void Recorder(in PlantSample s, in MeasuredSample m, double chargeTime, in Setpoint sp, Estimate est, string phase, string mode);

    private static void RunDischarge(DischargeSpec d, CellSimulator plant, SensorModel sensors, double period, Recorder record)
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
            record(s, m, double.NaN, none, Estimate.None, "discharge", "load");
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
            record(s, sensors.Measure(s, double.NegativeInfinity), double.NaN, rest, Estimate.None, "rest", "off");
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
