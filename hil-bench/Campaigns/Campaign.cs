using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Experiments;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// A campaign as read from its YAML file: the matrix of conditions, the controllers to compare on
/// each, the bench (sensors, charger) and the pass/fail limits. <see cref="ScenarioMatrix.Expand"/>
/// turns it into scenarios. Format: hil-bench/campaign-files/README.md.
/// </summary>
public sealed record Campaign
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";

    /// <summary>The file it was read from, as the user named it.</summary>
    public required string SourcePath { get; init; }

    /// <summary>The file's text (kept with the results so that a merge needs nothing else).</summary>
    public required string SourceText { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>How the controller meets the bench: the CAN protocol's frames (the default) or numbers passed directly.</summary>
    public LinkKind Link { get; init; } = LinkKind.Can;

    /// <summary>Controller period on the virtual clock [s].</summary>
    public double Period_s { get; init; } = 1;

    /// <summary>A scenario that has not reached its target SOC after this long (of charging) ends [s].</summary>
    public double TimeLimit_s { get; init; } = 3 * 3600;

    public PlantSpec Plant { get; init; } = new();
    public required IReadOnlyList<string> Cells { get; init; }
    public required IReadOnlyList<NamedAgeing> Ageing { get; init; }
    public required IReadOnlyList<double> Ambients_K { get; init; }
    public required IReadOnlyList<double> StartSocs { get; init; }
    public required IReadOnlyList<double> TargetSocs { get; init; }
    public required IReadOnlyList<DischargeSpec> Discharges { get; init; }

    /// <summary>The <c>spread:</c> section: conditions drawn per scenario (the quantities it draws replace their axes), or null.</summary>
    public SpreadSpec? Spread { get; init; }

    public required IReadOnlyList<SensorSuite> Sensors { get; init; }

    /// <summary>The <c>faults:</c> axis: the fault sets every condition is run with (one empty set when the file has none).</summary>
    public IReadOnlyList<FaultSet> FaultSets { get; init; } = [FaultSet.None];

    /// <summary>A scenario with a fault ends this long after its first fault began [s] (∞: it runs to its usual end).</summary>
    public double StopAfterFault_s { get; init; } = double.PositiveInfinity;
    public required ChargerSpec Charger { get; init; }
    public required IReadOnlyList<ControllerSpec> Controllers { get; init; }
    public required IReadOnlyList<LimitSpec> Limits { get; init; }

    /// <summary>k of the ±kσ intervals whose coverage is measured.</summary>
    public double CoverageK { get; init; } = 2;

    public BenchSafety Safety { get; init; } = new();
    public ReportOptions Report { get; init; } = new();
}

/// <summary>The plant's model options for every scenario of the campaign.</summary>
public sealed record PlantSpec
{
    /// <summary>Finite volumes per domain (negative, separator, positive). Campaigns default to 10 (PyBaMM's 20 is 3–4× dearer).</summary>
    public int Volumes { get; init; } = 10;

    public int Shells { get; init; } = 10;
    public ThermalModel Thermal { get; init; } = ThermalModel.Lumped;
    public PlatingModel Plating { get; init; } = PlatingModel.PartiallyReversible;
    public SeiModel Sei { get; init; } = SeiModel.SolventDiffusionLimited;

    public ModelOptions ToModelOptions() => new()
    {
        Thermal = Thermal,
        Plating = Plating,
        Sei = Sei,
        NegativeVolumes = Volumes,
        SeparatorVolumes = Volumes,
        PositiveVolumes = Volumes,
        NegativeShells = Shells,
        PositiveShells = Shells,
    };

    public string Canonical() => $"vol={Volumes};sh={Shells};th={Thermal};pl={Plating};sei={Sei}";
}

public sealed record NamedAgeing(string Name, AgeingState State)
{
    public string Canonical() => System.FormattableString.Invariant(
        $"lli={State.LithiumInventoryLoss:R};lamn={State.NegativeActiveMaterialLoss:R};lamp={State.PositiveActiveMaterialLoss:R};r={State.ResistanceGrowth_Ohm:R}");
}

/// <summary>
/// A discharge before the charge: a drive-cycle current (or power) profile, repeated and scaled,
/// then a rest. <see cref="None"/> when the charge starts from rest.
/// </summary>
public sealed record DischargeSpec(string Name, string? Profile, double[] Time_s, double[] Value, bool IsPower, int Repeat, double Scale, double Rest_s)
{
    public static DischargeSpec None { get; } = new("none", null, [], [], false, 0, 1, 0);

    public bool IsNone => Profile is null;

    public string Canonical() => IsNone
        ? "none"
        : System.FormattableString.Invariant($"{Profile};n={Time_s.Length};last={Time_s[^1]:R};sum={Value.Sum():R};pow={IsPower};rep={Repeat};scale={Scale:R};rest={Rest_s:R}");
}

public enum SensorChannelId
{
    Voltage,
    Current,
    Temperature,
    Pressure,
}

/// <summary>One sensor channel: Gaussian noise (σ), bias, quantisation step (0 = none), first-order lag time constant (0 = none); base units.</summary>
public sealed record SensorChannelSpec(double Noise, double Bias, double Quantisation, double Lag_s)
{
    public static SensorChannelSpec Ideal { get; } = new(0, 0, 0, 0);

    public string Canonical() => System.FormattableString.Invariant($"{Noise:R},{Bias:R},{Quantisation:R},{Lag_s:R}");
}

/// <summary>The sensors a controller reads, with their faults, and how well it knows the SOC at plug-in.</summary>
public sealed record SensorSuite(
    string Name,
    SensorChannelSpec Voltage,
    SensorChannelSpec Current,
    SensorChannelSpec Temperature,
    SensorChannelSpec Pressure,
    IReadOnlyList<FaultSpec> Faults,
    double InitialSocSigma)
{
    public static SensorSuite Ideal { get; } = new("ideal", SensorChannelSpec.Ideal, SensorChannelSpec.Ideal, SensorChannelSpec.Ideal, SensorChannelSpec.Ideal, [], 0);

    public SensorChannelSpec this[SensorChannelId id] => id switch
    {
        SensorChannelId.Voltage => Voltage,
        SensorChannelId.Current => Current,
        SensorChannelId.Temperature => Temperature,
        _ => Pressure,
    };

    public string Canonical() => System.FormattableString.Invariant(
        $"V={Voltage.Canonical()};I={Current.Canonical()};T={Temperature.Canonical()};P={Pressure.Canonical()};soc0={InitialSocSigma:R};faults={string.Join('|', Faults.Select(f => f.Canonical()))}");
}

/// <summary>The charger power stage: its current and voltage ratings, current slew limit and heartbeat timeout.</summary>
public sealed record ChargerSpec(Quantity MaxCurrent, double MaxVoltage_V, Quantity Slew, double HeartbeatTimeout_s)
{
    public string Canonical() => System.FormattableString.Invariant($"Imax={MaxCurrent.Canonical()};Vmax={MaxVoltage_V:R};slew={Slew.Canonical()};hb={HeartbeatTimeout_s:R}");
}

/// <summary>Hard limits of the bench itself: beyond them it aborts the scenario (verdict Aborted).</summary>
public sealed record BenchSafety
{
    public double AbortVoltage_V { get; init; } = 4.4;
    public double AbortTemperature_K { get; init; } = 273.15 + 70;
}

/// <summary>What the report contains.</summary>
public sealed record ReportOptions
{
    /// <summary>Per-scenario figures: all, failed (verdict worse than Pass) or none.</summary>
    public PlotSelection Plots { get; init; } = PlotSelection.All;

    /// <summary>Per-scenario Parquet traces.</summary>
    public bool Traces { get; init; } = true;
}

public enum PlotSelection
{
    All,
    Failed,
    None,
}

/// <summary>
/// The oracle: every <see cref="DecisionInterval_s"/>, the largest current (to <see cref="Resolution"/>, at most
/// <see cref="MaxEvaluations"/> forked-plant runs) whose forked true plant, held there over <see cref="Horizon_s"/>,
/// keeps the true plating overpotential ≥ <see cref="Margin_V"/> and the temperature ≤ <see cref="MaxTemperature_K"/>.
/// </summary>
public sealed record OracleSpec(
    string Name,
    double DecisionInterval_s,
    double Horizon_s,
    double Margin_V,
    double MaxTemperature_K,
    Quantity MaxCurrent,
    Quantity Resolution,
    int MaxEvaluations,
    double VoltageLimit_V) : ControllerSpec(Name)
{
    public override string Type => "oracle";

    public override string Canonical() => System.FormattableString.Invariant(
        $"oracle;dt={DecisionInterval_s:R};h={Horizon_s:R};m={Margin_V:R};T={MaxTemperature_K:R};I={MaxCurrent.Canonical()};res={Resolution.Canonical()};n={MaxEvaluations};V={VoltageLimit_V:R}");
}
