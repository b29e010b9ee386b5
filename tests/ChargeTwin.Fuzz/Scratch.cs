namespace ChargeTwin.Fuzz;

/// <summary>
/// A scratch folder per thread for the readers that take a path (cell and BPX files, measured data): the input is
/// written there under a fixed name, beside a copy of the tables cell files name, and messages are reported with the
/// folder taken out.
/// </summary>
internal static class Scratch
{
    [ThreadStatic]
    private static string? t_folder;

    private static readonly string s_root = Path.Combine(
        Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"chargetwin-fuzz-{Environment.ProcessId}");

    /// <summary>This thread's folder, ending in a separator; created with the tables on first use.</summary>
    public static string Folder
    {
        get
        {
            if (t_folder is null)
            {
                var folder = Path.Combine(s_root, Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var tables = Path.Combine(AppContext.BaseDirectory, "fuzz-data", "ocp");
                Directory.CreateDirectory(Path.Combine(folder, "ocp"));
                foreach (var table in Directory.EnumerateFiles(tables))
                {
                    File.Copy(table, Path.Combine(folder, "ocp", Path.GetFileName(table)), overwrite: true);
                }

                t_folder = folder + Path.DirectorySeparatorChar;
            }

            return t_folder;
        }
    }

    /// <summary>Writes <paramref name="data"/> as <paramref name="name"/> in this thread's folder and returns its path.</summary>
    public static string Write(string name, ReadOnlySpan<byte> data)
    {
        var path = Folder + name;
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
