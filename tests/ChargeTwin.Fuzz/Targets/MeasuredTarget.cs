using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Validation;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>
/// Measured data in every layout the bench accepts, the same bytes through each reader: a CSV with a header (columns
/// by name: the LG M50 rate tests', the BPX example's), a headerless two-column digitised curve (comma or whitespace,
/// '#' comments), and the calibration's reading of both (<c>FILE</c> and <c>FILE@1C</c>, which also cuts the test
/// into replayed pieces).
/// </summary>
internal static class MeasuredTarget
{
    public const string File = "fuzz.csv";

    public static string Run(ReadOnlySpan<byte> data)
    {
        var path = Scratch.Write(File, data);
        return string.Join(" | ",
            Read(() => $"{MeasuredTestReader.ReadCsv(path).Time_s.Length} rows"),
            Read(() => $"{MeasuredTestReader.ReadTwoColumn(path).X.Length} points"),
            Read(() => $"calibration test '{CalibrationData.Load(path, new ReplayOptions(), 298.15).Name}'"),
            Read(() => $"calibration curve '{CalibrationData.Load(path + "@1C", new ReplayOptions(), 298.15).Name}'"));
    }

    private static string Read(Func<string> read)
    {
        try
        {
            return Outcome.Ok(read());
        }
        catch (MeasuredDataException e)
        {
            return Outcome.Refused(e, File, Scratch.Folder);
        }
    }
}
