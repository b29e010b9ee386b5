namespace ChargeTwin.Controller.Safety;

/// <summary>
/// The safety monitor's single source of truth: its settings and one row per check, in the file's order (which breaks
/// ties between equally severe rows). <see cref="Default"/> is the table shipped in this assembly
/// (controller/Safety/diagnosis-table.yaml, embedded), so that the bench and the host have it without a path.
/// </summary>
public sealed class DiagnosisTable
{
    /// <summary>The embedded default table's resource name.</summary>
    public const string DefaultResource = "safety/diagnosis-table.yaml";

    private static readonly Lazy<DiagnosisTable> s_default = new(() => DiagnosisTableLoader.Parse(ReadDefaultText(), DefaultResource));

    public DiagnosisTable(string file, DiagnosisSettings settings, IReadOnlyList<DiagnosisRow> rows)
    {
        File = file;
        Settings = settings;
        Rows = rows;
    }

    public static DiagnosisTable Default => s_default.Value;

    /// <summary>Where the table came from, as its errors name it.</summary>
    public string File { get; }

    public DiagnosisSettings Settings { get; }

    public IReadOnlyList<DiagnosisRow> Rows { get; }

    /// <summary>The index of the row with <paramref name="id"/>, or −1.</summary>
    public int IndexOf(string id)
    {
        for (var i = 0; i < Rows.Count; i++)
        {
            if (Rows[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The default table's text (for a copy to edit, or the README).</summary>
    public static string ReadDefaultText()
    {
        using var stream = typeof(DiagnosisTable).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"the embedded resource '{DefaultResource}' is missing from {typeof(DiagnosisTable).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
