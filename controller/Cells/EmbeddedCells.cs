using System.Reflection;

namespace ChargeTwin.Cells;

/// <summary>
/// The cell files and tables embedded into the assembly (controller/Cells/parameter-sets/**, logical names
/// "cells/okane2022.yaml", "cells/ocp/….csv").
/// </summary>
internal static class EmbeddedCells
{
    private static readonly Assembly Assembly = typeof(EmbeddedCells).Assembly;

    private static readonly Dictionary<string, string> Resources = Assembly.GetManifestResourceNames()
        .ToDictionary(name => Normalise(name), name => name, StringComparer.Ordinal);

    public static bool TryRead(string logicalName, out string text)
    {
        if (!Resources.TryGetValue(Normalise(logicalName), out var resource))
        {
            text = "";
            return false;
        }

        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource '{resource}' is listed but cannot be opened");
        using var reader = new StreamReader(stream);
        text = reader.ReadToEnd();
        return true;
    }

    /// <summary>Forward slashes, no "." or ".." segments.</summary>
    public static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0)
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }
}
