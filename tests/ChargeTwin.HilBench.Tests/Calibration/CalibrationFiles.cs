namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>Measured data in the repository and scratch files for the calibration tests.</summary>
internal static class CalibrationFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChargeTwin.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ChargeTwin.sln not found above the test binaries");
    });

    public static string RepositoryRoot => Root.Value;

    public static string LgM50 => Path.Combine(RepositoryRoot, "hil-bench", "data", "measured", "lgm50_widanage");

    /// <summary>An LG M50 rate test, e.g. RateTest("T45", "1C").</summary>
    public static string RateTest(string temperature, string rate) => Path.Combine(LgM50, $"LGM50_5Ah_RateTest_{temperature}_cRate_{rate}.csv");

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "chargetwin-calibration-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static string Write(string name, string text, string? directory = null)
    {
        var path = Path.Combine(directory ?? TempDirectory(), name);
        File.WriteAllText(path, text);
        return path;
    }
}
