using System.Globalization;
using ChargeTwin.Controller.Contract;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// One cell of the campaign matrix: conditions (cell, ageing, ambient, SOC window, discharge, sensors) and
/// the controller under test; in a spread campaign also the draw they came from. <see cref="Id"/> is a hash of every expanded parameter, so it does not change when
/// the campaign file is reordered or other scenarios are added; <see cref="ConditionId"/> is the same hash
/// without the controller, which pairs a scenario with the oracle's run of the same conditions.
/// </summary>
public sealed record Scenario(
    int Index,
    string Id,
    string ConditionId,
    ulong Seed,
    string Cell,
    NamedAgeing Ageing,
    double Ambient_K,
    double StartSoc,
    double TargetSoc,
    DischargeSpec Discharge,
    SensorSuite Sensors,
    ControllerSpec Controller)
{
    /// <summary>The truth of a spread campaign's draw (cell parameters, ageing, ambient, start SOC, biases), or null.</summary>
    public SpreadDraw? Draw { get; init; }

    /// <summary>The entry of the campaign's <c>faults:</c> axis this scenario runs with.</summary>
    public FaultSet Faults { get; init; } = FaultSet.None;

    /// <summary>Every fault injected in this scenario: its sensor suite's, then its fault set's.</summary>
    public IReadOnlyList<FaultSpec> AllFaults => Sensors.Faults.Count == 0 ? Faults.Faults : [.. Sensors.Faults, .. Faults.Faults];

    public string CellName => Path.GetFileNameWithoutExtension(Cell);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{CellName}{(Draw is null ? "" : $" draw {Draw.Index}")} {Ageing.Name} {Ambient_K - PhysicalConstants.ZeroCelsius_K:0.#} °C {StartSoc * 100:0}→{TargetSoc * 100:0} %{(Discharge.IsNone ? "" : " after " + Discharge.Name)} [{Sensors.Name}]{(Faults.Faults.Count == 0 ? "" : $" {{{Faults.Name}}}")} {Controller.Name}");
}
