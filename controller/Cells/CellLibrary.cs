namespace ChargeTwin.Cells;

/// <summary>
/// Loads a cell parameter set by id ("okane2022", "ai2020", "ecker2015": the embedded copies, see
/// controller/Cells/parameter-sets/PROVENANCE.md; "lgm50": the LG M50 calibrated to the shared measured rate tests, see
/// hil-bench/Calibration/README.md) or by path (a .yaml/.yml cell file, or a BPX .json file).
/// </summary>
public static class CellLibrary
{
    /// <summary>The ids of the embedded cells.</summary>
    public static IReadOnlyList<string> KnownIds { get; } = ["okane2022", "ai2020", "ecker2015", "lgm50"];

    /// <summary>The bench's default cell: the LG M50 calibrated to the shared measured rate tests (cells/lgm50.yaml).</summary>
    public const string DefaultId = "lgm50";

    /// <summary>
    /// The parameter set named by <paramref name="idOrPath"/>. Throws <see cref="ParameterException"/> (one
    /// line with file, line and key) for an unknown id, a missing file or a bad file.
    /// </summary>
    public static ParameterSet Load(string idOrPath)
    {
        ArgumentNullException.ThrowIfNull(idOrPath);
        var id = idOrPath.Trim();
        var known = KnownIds.FirstOrDefault(k => string.Equals(k, id, StringComparison.OrdinalIgnoreCase));
        if (known is not null)
        {
            return LoadEmbedded(known);
        }

        var extension = Path.GetExtension(idOrPath).ToLowerInvariant();
        if (!File.Exists(idOrPath))
        {
            var looksLikePath = extension is ".yaml" or ".yml" or ".json"
                || idOrPath.Contains('/', StringComparison.Ordinal) || idOrPath.Contains('\\', StringComparison.Ordinal);
            throw looksLikePath
                ? new ParameterException("file not found", idOrPath)
                : new ParameterException(
                    $"unknown cell '{idOrPath}' (known: {string.Join(", ", KnownIds)}, or a path to a .yaml or BPX .json file)");
        }

        return extension switch
        {
            ".yaml" or ".yml" => CellFileLoader.Load(ReadText(idOrPath), idOrPath, idOrPath, TableSource.BesideFile(idOrPath)),
            ".json" => BpxImporter.Load(idOrPath),
            _ => throw new ParameterException("not a cell file: expected a .yaml/.yml cell file or a BPX .json file", idOrPath),
        };
    }

    private static ParameterSet LoadEmbedded(string id)
    {
        var fileName = $"{id}.yaml";
        if (!EmbeddedCells.TryRead($"cells/{fileName}", out var text))
        {
            throw new InvalidOperationException($"the embedded cell '{id}' is missing from the assembly (cells/{fileName})");
        }

        return CellFileLoader.Load(text, fileName, $"embedded:{id}", TableSource.Embedded("cells"));
    }

    internal static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ParameterException($"cannot read the file: {e.Message}", path, null, null, e);
        }
    }
}
