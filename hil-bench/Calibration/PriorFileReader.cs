using ChargeTwin.Cells;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Reads a priors file (<c>controller/Cells/parameter-sets/priors/*.yaml</c>): a list under <c>priors:</c>, each with
/// <c>name</c>, <c>value</c>, either <c>sigma</c> (σ in natural units: a prior on a linear-scale parameter) or
/// <c>factor</c> (the factor one σ spans, &gt; 1: a log-normal prior on a log-scale parameter), and <c>source</c> (the
/// publication and its value). Errors are one-line <see cref="CalibrationInputException"/>s naming file, line and field.
/// </summary>
public static class PriorFileReader
{
    private static readonly string[] Keys = ["name", "value", "sigma", "factor", "source"];

    public static IReadOnlyList<ParameterPrior> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new CalibrationInputException($"--priors {path}: file not found");
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    public static IReadOnlyList<ParameterPrior> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var y = new YamlReader<CalibrationInputException>(file, (at, problem) =>
            new CalibrationInputException(at.Field.Length > 0 ? $"{at.File}:{at.Line}: {at.Field}: {problem.Message}" : $"{at.File}:{at.Line}: {problem.Message}"));
        var documents = y.Parse(text);
        if (documents.Count != 1)
        {
            throw new CalibrationInputException($"{file}: expected one YAML document with a priors: list");
        }

        var root = y.Mapping(documents[0].RootNode, "");
        var priors = new List<ParameterPrior>();
        foreach (var (_, _, value, _) in y.Entries(root, "", ["priors"]))
        {
            var list = y.Sequence(value, "priors");
            for (var k = 0; k < list.Children.Count; k++)
            {
                priors.Add(ReadPrior(y, list.Children[k], $"priors[{k}]"));
            }
        }

        if (priors.Count == 0)
        {
            throw new CalibrationInputException($"{file}: no priors (expected a priors: list)");
        }

        return priors;
    }

    private static ParameterPrior ReadPrior(YamlReader<CalibrationInputException> y, YamlNode node, string field)
    {
        string? name = null, source = null;
        double? value = null, sigma = null, factor = null;
        foreach (var (key, _, v, _) in y.Entries(y.Mapping(node, field), field, Keys))
        {
            var f = $"{field}.{key}";
            switch (key)
            {
                case "name": name = y.Text(v, f); break;
                case "source": source = y.Text(v, f); break;
                case "value": value = y.Number(v, f); break;
                case "sigma": sigma = Positive(y, v, f, 0); break;
                default: factor = Positive(y, v, f, 1); break;
            }
        }

        if (name is null || value is null || string.IsNullOrWhiteSpace(source) || (sigma is null == factor is null))
        {
            throw y.Error(node, field, "a prior needs name, value, source and one of sigma (linear scale) or factor (log scale)");
        }

        if (factor is not null && !(value > 0))
        {
            throw y.Error(node, $"{field}.value", "a log-normal prior (factor) needs a positive value");
        }

        var line = (int)node.Start.Line;
        return factor is { } fa
            ? new ParameterPrior(name, value.Value, Math.Log(fa), FitScale.Log, source, line)
            : new ParameterPrior(name, value.Value, sigma!.Value, FitScale.Linear, source, line);
    }

    private static double Positive(YamlReader<CalibrationInputException> y, YamlNode v, string field, double above)
    {
        var x = y.Number(v, field);
        return x > above ? x : throw y.Error(v, field, $"expected a number above {above}");
    }
}
