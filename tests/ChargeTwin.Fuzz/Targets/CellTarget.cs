using ChargeTwin.Cells;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>
/// A cell file through <see cref="CellLibrary.Load"/> as a user names it by path — our YAML (<c>.yaml</c>: the cell-file
/// loader, tables beside the file) or BPX JSON (<c>.json</c>: the BPX import) — then every function evaluated. A YAML
/// cell that loads must also survive the writer's round trip (load → <see cref="CellFileWriter.ToYaml"/> → load gives
/// the same names, scalars bit for bit, expressions and citations): a difference is a finding.
/// </summary>
internal static class CellTarget
{
    public static string Run(ReadOnlySpan<byte> data, string file)
    {
        var path = Scratch.Write(file, data);
        ParameterSet set;
        try
        {
            set = CellLibrary.Load(path);
        }
        catch (ParameterException e)
        {
            return Outcome.Refused(e, path, Scratch.Folder);
        }

        var summary = Evaluation.Summary(set);
        if (file.EndsWith(".yaml", StringComparison.Ordinal))
        {
            RoundTrip(set);
        }

        return Outcome.Ok(summary);
    }

    private static void RoundTrip(ParameterSet set)
    {
        var written = Scratch.Write("round-trip.yaml", System.Text.Encoding.UTF8.GetBytes(CellFileWriter.ToYaml(CellFileDocument.FromSet(set))));
        ParameterSet back;
        try
        {
            back = CellLibrary.Load(written);
        }
        catch (ParameterException e)
        {
            throw new ContractViolationException($"the written cell file does not load back: {e.Message}");
        }

        void Same(bool same, string what)
        {
            if (!same)
            {
                throw new ContractViolationException($"round trip changed {what}");
            }
        }

        Same(set.Names.SequenceEqual(back.Names), "the names");
        Same(set.Name == back.Name && set.Description == back.Description && set.Citations.SequenceEqual(back.Citations)
            && set.Provenance.TrimEnd() == back.Provenance.TrimEnd(), "the name, description, citations or provenance");
        foreach (var name in set.Names)
        {
            if (set.TryGetScalar(name, out var value))
            {
                Same(back.TryGetScalar(name, out var again) && BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(again), $"scalar '{name}'");
            }
            else
            {
                Same(set.Function(name).Expression == back.Function(name).Expression, $"function '{name}'");
            }
        }
    }
}
