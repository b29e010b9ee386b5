using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Draws a spread campaign's conditions. Draw i of campaign seed s takes each of its parts from its own stream,
/// seeded by SHA-256 of "s/spread/i/part" (part: ambient, start_soc, ageing, sensors, cell), so a draw depends on
/// nothing but the seed and its index — not on the jobs, the shard or the other draws — and drawing one more
/// quantity does not change the others. A cell-parameter draw the plant rejects (its stoichiometry windows do not
/// fit between the voltage cut-offs) is redrawn from the same stream, at most <see cref="MaxRedraws"/> times.
/// </summary>
public sealed class SpreadSampler
{
    /// <summary>Rejected cell-parameter draws after which the draw's scenarios end in Error, with the reason.</summary>
    public const int MaxRedraws = 20;

    private readonly SpreadSpec _spec;
    private readonly ulong _seed;
    private readonly ParameterSet _cell;
    private readonly CellParameterSampler? _parameters;

    /// <param name="cell">The cell file's set; with <c>cell_parameters: covariance</c> it must have an uncertainty section.</param>
    public SpreadSampler(SpreadSpec spec, ulong seed, ParameterSet cell)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cell);
        _spec = spec;
        _seed = seed;
        _cell = cell;
        if (spec.CellParameters == CellParameterDraw.Covariance)
        {
            var uncertainty = cell.Uncertainty ?? throw new ArgumentException($"cell '{cell.Name}' has no uncertainty: section to draw its parameters from");
            _parameters = new CellParameterSampler(uncertainty);
        }
    }

    /// <summary>The draws 0 … Draws − 1.</summary>
    public IReadOnlyList<SpreadDraw> All() => [.. Enumerable.Range(0, _spec.Draws).Select(Draw)];

    public SpreadDraw Draw(int index)
    {
        var draw = new SpreadDraw(index)
        {
            Ambient_K = _spec.Ambient_K?.Draw(Stream(index, "ambient")),
            StartSoc = _spec.StartSoc?.Draw(Stream(index, "start_soc")),
            Ageing = _spec.Ageing is { } a ? new NamedAgeing("drawn", DrawAgeing(a, Stream(index, "ageing"))) : null,
            BiasScores = _spec.DrawSensorBias ? DrawScores(Stream(index, "sensors"), 4) : null,
        };
        return WithCellParameters(draw, Stream(index, "cell"));
    }

    /// <summary>The cell parameters (or the file's) that the plant accepts with this draw's ageing, and the capacity they give.</summary>
    private SpreadDraw WithCellParameters(SpreadDraw draw, BenchRandom random)
    {
        var ageing = draw.Ageing?.State ?? AgeingState.Fresh;
        var rejected = "";
        for (var attempt = 0; attempt <= MaxRedraws; attempt++)
        {
            IReadOnlyList<DrawnParameter> parameters = _parameters?.Draw(random) ?? [];
            try
            {
                var plant = new DfnParameters(SpreadDraw.ApplyParameters(_cell, parameters), ageing);
                return draw with { CellParameters = parameters, Redraws = attempt, Capacity_Ah = StoichiometryWindows.Compute(plant).Capacity_Ah };
            }
            catch (Exception e) when (e is ParameterValueException or ParameterException or CalibrationInputException or ArgumentException)
            {
                rejected = e.Message.Split('\n')[0];
                if (_parameters is null)
                {
                    break;
                }
            }
        }

        return draw with { Rejection = string.Create(CultureInfo.InvariantCulture, $"spread draw {draw.Index}: the plant rejected {(_parameters is null ? "it" : $"{MaxRedraws + 1} cell-parameter draws")}; last: {rejected}") };
    }

    private static AgeingState DrawAgeing(AgeingRanges ranges, BenchRandom random) => new(
        ranges.LithiumInventoryLoss.Draw(random),
        ranges.NegativeActiveMaterialLoss.Draw(random),
        ranges.PositiveActiveMaterialLoss.Draw(random),
        ranges.ResistanceGrowth_Ohm.Draw(random));

    private static double[] DrawScores(BenchRandom random, int count) => [.. Enumerable.Range(0, count).Select(_ => random.NextGaussian())];

    private BenchRandom Stream(int index, string part) => new(StableHash.UInt64(string.Create(CultureInfo.InvariantCulture, $"{_seed}/spread/{index}/{part}")));
}
