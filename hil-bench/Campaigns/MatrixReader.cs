using ChargeTwin.Cells;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Reads a campaign's matrix of conditions: the plant model every scenario simulates, and the axes — cells, ageing
/// states, ambient temperatures, start and target SOC, discharges before the charge.
/// </summary>
/// <param name="baseDirectory">Where relative cell and drive-cycle paths are looked up.</param>
internal sealed class MatrixReader(YamlReader<CampaignException> y, string baseDirectory)
{
    public PlantSpec Plant(YamlNode node)
    {
        var spec = new PlantSpec();
        foreach (var (key, _, value, _) in y.Entries(y.Mapping(node, "plant"), "plant", ["volumes", "shells", "thermal", "plating", "sei"]))
        {
            var field = $"plant.{key}";
            spec = key switch
            {
                "volumes" => spec with { Volumes = y.Integer(value, field, 2, 100) },
                "shells" => spec with { Shells = y.Integer(value, field, 3, 100) },
                "thermal" => spec with { Thermal = y.OneOf(value, field, ("lumped", ThermalModel.Lumped), ("isothermal", ThermalModel.Isothermal)) },
                "plating" => spec with
                {
                    Plating = y.OneOf(
                        value,
                        field,
                        ("partially-reversible", PlatingModel.PartiallyReversible),
                        ("reversible", PlatingModel.Reversible),
                        ("irreversible", PlatingModel.Irreversible),
                        ("none", PlatingModel.None)),
                },
                _ => spec with
                {
                    Sei = y.OneOf(value, field, ("solvent-diffusion", SeiModel.SolventDiffusionLimited), ("reaction", SeiModel.ReactionLimited), ("none", SeiModel.None)),
                },
            };
        }

        return spec;
    }

    public List<string> Cells(YamlNode node)
    {
        var cells = new List<string>();
        foreach (var n in y.Axis(node, "cells"))
        {
            var text = y.Text(n, "cells");
            var id = CellLibrary.KnownIds.Contains(text, StringComparer.OrdinalIgnoreCase) ? text : Path.GetFullPath(Path.Combine(baseDirectory, text));
            try
            {
                CellLibrary.Load(id);
            }
            catch (ParameterException e)
            {
                throw y.Error(n, "cells", e.File == id ? $"'{text}': {e.Detail}" : $"'{text}': {e.Message}");
            }

            cells.Add(id);
        }

        return cells;
    }

    public List<NamedAgeing> Ageing(YamlNode node)
    {
        var list = new List<NamedAgeing>();
        foreach (var (name, _, value, _) in y.Entries(y.Mapping(node, "ageing"), "ageing", []))
        {
            var state = AgeingState.Fresh;
            if (value is YamlMappingNode m)
            {
                foreach (var (key, _, v, _) in y.Entries(m, $"ageing.{name}", ["lli", "lam_negative", "lam_positive", "resistance_growth"]))
                {
                    var field = $"ageing.{name}.{key}";
                    state = key switch
                    {
                        "lli" => state with { LithiumInventoryLoss = y.Value(v, field, QuantityKind.Fraction, 0, 0.5) },
                        "lam_negative" => state with { NegativeActiveMaterialLoss = y.Value(v, field, QuantityKind.Fraction, 0, 0.5) },
                        "lam_positive" => state with { PositiveActiveMaterialLoss = y.Value(v, field, QuantityKind.Fraction, 0, 0.5) },
                        _ => state with { ResistanceGrowth_Ohm = y.Value(v, field, QuantityKind.Resistance, 0, 1) },
                    };
                }
            }
            else if (!(value is YamlScalarNode s && (s.Value is null || s.Value.Length == 0 || s.Value == "fresh")))
            {
                throw y.Error(value, $"ageing.{name}", "expected a mapping of lli, lam_negative, lam_positive, resistance_growth (or {} for a fresh cell)");
            }

            list.Add(new NamedAgeing(name, state));
        }

        if (list.Count == 0)
        {
            throw y.Error(node, "ageing", "no ageing states");
        }

        return list;
    }

    /// <summary>The ambient temperatures (an axis).</summary>
    public List<double> Ambients(YamlNode node) =>
        [.. y.Axis(node, "ambient").Select(n => y.Value(n, "ambient", QuantityKind.Temperature, 273.15 - 40, 273.15 + 60))];

    /// <summary>The start SOCs (an axis).</summary>
    public List<double> StartSocs(YamlNode node) => [.. y.Axis(node, "start_soc").Select(n => y.Value(n, "start_soc", QuantityKind.Fraction, 0, 1))];

    /// <summary>The target SOCs (an axis), each above every start SOC.</summary>
    public List<double> TargetSocs(YamlNode node, IReadOnlyList<double> starts)
    {
        var targetNodes = y.Axis(node, "target_soc");
        var targets = targetNodes.Select(n => y.Value(n, "target_soc", QuantityKind.Fraction, 0, 1)).ToList();
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i] <= starts.Max())
            {
                throw y.Error(targetNodes[i], "target_soc", $"impossible: target SOC {targets[i] * 100:0.#} % is not above the start SOC {starts.Max() * 100:0.#} %");
            }
        }

        return targets;
    }

    public List<DischargeSpec> Discharges(YamlNode node)
    {
        var list = new List<DischargeSpec>();
        foreach (var (name, _, value, _) in y.Entries(y.Mapping(node, "discharge"), "discharge", []))
        {
            if (value is not YamlMappingNode m || m.Children.Count == 0)
            {
                list.Add(DischargeSpec.None with { Name = name });
                continue;
            }

            string? profile = null;
            YamlNode? profileNode = null;
            var repeat = 1;
            var scale = 1.0;
            var rest = 0.0;
            foreach (var (key, _, v, _) in y.Entries(m, $"discharge.{name}", ["drive_cycle", "repeat", "scale", "rest"]))
            {
                var field = $"discharge.{name}.{key}";
                switch (key)
                {
                    case "drive_cycle":
                        profile = y.Text(v, field);
                        profileNode = v;
                        break;
                    case "repeat":
                        repeat = y.Integer(v, field, 1, 100);
                        break;
                    case "scale":
                        scale = y.Value(v, field, QuantityKind.Number, 0, 10, minExclusive: true);
                        break;
                    default:
                        rest = y.Value(v, field, QuantityKind.Time, 0, 24 * 3600);
                        break;
                }
            }

            if (profile is null || profileNode is null)
            {
                throw y.Error(m, $"discharge.{name}.drive_cycle", "required key is missing (UDDS, US06, WLTC or a CSV path)");
            }

            var (t, values, isPower) = DriveCycleFile.Read(y, profileNode, $"discharge.{name}.drive_cycle", profile, baseDirectory);
            list.Add(new DischargeSpec(name, Path.GetFileNameWithoutExtension(profile), t, values, isPower, repeat, scale, rest));
        }

        if (list.Count == 0)
        {
            throw y.Error(node, "discharge", "no discharge entries");
        }

        return list;
    }
}
