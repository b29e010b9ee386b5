using ChargeTwin.Cells;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Reads a campaign's <c>spread:</c> section: how many conditions to draw, and the ranges or distributions of what is
/// drawn. A quantity it draws must not also be a matrix axis of the file (one place says where a value comes from).
/// </summary>
internal sealed class SpreadReader(YamlReader<CampaignException> y)
{
    private static readonly string[] Keys = ["draws", "cell_parameters", "ageing", "ambient", "start_soc", "sensor_bias"];
    private static readonly string[] AgeingKeys = ["lli", "lam_negative", "lam_positive", "resistance_growth"];

    public SpreadSpec Read(YamlNode node, CampaignSection file, IReadOnlyList<string> cells)
    {
        var section = new CampaignSection(y, y.Mapping(node, "spread"), "spread", Keys);
        var spec = new SpreadSpec(y.Integer(section.Need("draws"), "spread.draws", 1, 100_000));
        if (section.Get("cell_parameters") is { } cp)
        {
            spec = spec with { CellParameters = y.OneOf(cp, "spread.cell_parameters", ("covariance", CellParameterDraw.Covariance), ("none", CellParameterDraw.None)) };
            CheckUncertainty(cp, spec, cells);
        }

        if (section.Get("sensor_bias") is { } sb)
        {
            spec = spec with { DrawSensorBias = y.OneOf(sb, "spread.sensor_bias", ("drawn", true), ("fixed", false)) };
        }

        spec = spec with
        {
            Ageing = section.Get("ageing") is { } a ? Ageing(a) : null,
            Ambient_K = section.Get("ambient") is { } t ? Range(t, "spread.ambient", QuantityKind.Temperature, 273.15 - 40, 273.15 + 60) : null,
            StartSoc = section.Get("start_soc") is { } s ? Range(s, "spread.start_soc", QuantityKind.Fraction, 0, 1) : null,
        };
        foreach (var drawn in new[] { "ageing", "ambient", "start_soc" }.Where(k => section.Get(k) is not null))
        {
            if (file.Get(drawn) is { } axis)
            {
                throw y.Error(axis, drawn, $"also drawn by spread.{drawn} (line {y.At(section.Get(drawn)!, drawn).Line}): say it in one place");
            }
        }

        return spec;
    }

    private void CheckUncertainty(YamlNode node, SpreadSpec spec, IReadOnlyList<string> cells)
    {
        if (spec.CellParameters != CellParameterDraw.Covariance)
        {
            return;
        }

        foreach (var cell in cells)
        {
            if (CellLibrary.Load(cell).Uncertainty is null)
            {
                throw y.Error(node, "spread.cell_parameters", $"cell '{Path.GetFileNameWithoutExtension(cell)}' has no uncertainty: section to draw from (a calibrated cell file has one; or use none)");
            }
        }
    }

    private AgeingRanges Ageing(YamlNode node)
    {
        var ranges = AgeingRanges.Fresh;
        foreach (var (key, _, v, _) in y.Entries(y.Mapping(node, "spread.ageing"), "spread.ageing", AgeingKeys))
        {
            var field = $"spread.ageing.{key}";
            ranges = key switch
            {
                "lli" => ranges with { LithiumInventoryLoss = Range(v, field, QuantityKind.Fraction, 0, 0.5) },
                "lam_negative" => ranges with { NegativeActiveMaterialLoss = Range(v, field, QuantityKind.Fraction, 0, 0.5) },
                "lam_positive" => ranges with { PositiveActiveMaterialLoss = Range(v, field, QuantityKind.Fraction, 0, 0.5) },
                _ => ranges with { ResistanceGrowth_Ohm = Range(v, field, QuantityKind.Resistance, 0, 1) },
            };
        }

        return ranges;
    }

    /// <summary>A uniform range <c>{min: …, max: …}</c>, both in [lo, hi] and min ≤ max.</summary>
    private UniformRange Range(YamlNode node, string field, QuantityKind kind, double lo, double hi)
    {
        if (node is not YamlMappingNode)
        {
            throw y.Error(node, field, "expected a range {min: …, max: …} to draw from uniformly");
        }

        var range = new CampaignSection(y, y.Mapping(node, field), field, ["min", "max"]);
        var min = y.Value(range.Need("min"), $"{field}.min", kind, lo, hi);
        var max = y.Value(range.Need("max"), $"{field}.max", kind, lo, hi);
        if (max < min)
        {
            throw y.Error(range.Need("max"), $"{field}.max", $"impossible: max '{y.Text(range.Need("max"), field)}' is below min '{y.Text(range.Need("min"), field)}'");
        }

        return new UniformRange(min, max);
    }
}
