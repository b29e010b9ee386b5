using ChargeTwin.Cells.Tests;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>Measured data in the repository and scratch files for the calibration tests.</summary>
internal static class CalibrationFiles
{
    public static string RepositoryRoot => TestFiles.RepositoryRoot;

    public static string LgM50 => Path.Combine(RepositoryRoot, "hil-bench", "data", "measured", "lgm50_widanage");

    /// <summary>An LG M50 rate test, e.g. RateTest("T45", "1C").</summary>
    public static string RateTest(string temperature, string rate) => Path.Combine(LgM50, $"LGM50_5Ah_RateTest_{temperature}_cRate_{rate}.csv");

    public static string TempDirectory() => TestFiles.TempDirectory();

    public static string Write(string name, string text, string? directory = null) => TestFiles.Write(name, text, directory);
}
