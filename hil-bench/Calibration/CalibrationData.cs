using System.Globalization;
using ChargeTwin.HilBench.Validation;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Reads the measured tests named on a command line: a CSV with a header (columns mapped by name, see
/// <see cref="MeasuredTestReader"/>), or a headerless two-column digitised curve (time [s], voltage [V]) written
/// <c>FILE@RATE</c>, e.g. <c>Ecker_1C.csv@1C</c>, replayed as a constant-current discharge at that C-rate.
/// </summary>
public static class CalibrationData
{
    public static CalibrationTest Load(string spec, ReplayOptions options, double ambientForCurves_K, double initialSocForCurves = 1.0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var at = spec.LastIndexOf('@');
        if (at > 0 && at < spec.Length - 1)
        {
            var path = spec[..at];
            var rateText = spec[(at + 1)..].Trim();
            var number = rateText.EndsWith('C') || rateText.EndsWith('c') ? rateText[..^1] : rateText;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate > 0))
            {
                throw new MeasuredDataException(Path.GetFileName(path), 0, "C-rate", $"'{rateText}' after '@' is not a C-rate (e.g. {Path.GetFileName(path)}@1C)");
            }

            var curve = MeasuredTestReader.ReadTwoColumn(path);
            return CalibrationTestBuilder.FromDigitisedDischarge(curve, rate, options.NominalCapacity_Ah, ambientForCurves_K, initialSocForCurves, options.PointsPerDischarge);
        }

        if (LooksHeaderless(spec))
        {
            throw new MeasuredDataException(Path.GetFileName(spec), 1, "header",
                $"no header: a headerless two-column curve (time [s], voltage [V]) needs its C-rate, e.g. --data {spec}@1C");
        }

        var measured = MeasuredTestReader.ReadCsv(spec);
        return CalibrationTestBuilder.FromMeasured(measured, options);
    }

    private static bool LooksHeaderless(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var reader = new StreamReader(path);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            // a line of separators only (",,,") has no first field: not a number, so not headerless
            var first = trimmed.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return first is not null && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        }

        return false;
    }
}
