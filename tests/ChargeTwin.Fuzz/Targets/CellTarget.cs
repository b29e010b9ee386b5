using ChargeTwin.Cells;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>
/// A cell file through <see cref="CellLibrary.Load"/> as a user names it by path — our YAML (<c>.yaml</c>: the cell-file
/// loader, tables beside the file) or BPX JSON (<c>.json</c>: the BPX import) — then every function evaluated.
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

        return Outcome.Ok(Evaluation.Summary(set));
    }
}
