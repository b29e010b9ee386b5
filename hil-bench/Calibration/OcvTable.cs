using System.Globalization;
using ChargeTwin.HilBench.Validation;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// A measured pseudo-OCV table (<c>LGM50_5Ah_OCV_T25.csv</c>): SOC [%] of the measured capacity, the mean of the
/// charge and discharge pseudo-OCV [V] and the hysteresis [V] (half their difference), SOC increasing.
/// </summary>
public sealed record OcvTable(string Source, double[] StateOfCharge_percent, double[] Voltage_V, double[] Hysteresis_V)
{
    private static readonly string[] Columns = ["refSoC_percent", "meanOCV_V", "meanHys_V"];

    public int Count => StateOfCharge_percent.Length;

    /// <summary>True if the file's first line is an OCV table's header.</summary>
    public static bool IsOcvTable(string path) => PulseTestReader.FirstLine(path) is { } header && header.StartsWith("refSoC_percent", StringComparison.Ordinal);

    /// <summary>Reads the table; errors are <see cref="MeasuredDataException"/>s naming the file, line and column.</summary>
    public static OcvTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new MeasuredDataException(name, 0, "file", $"not found ({path})");
        }

        using var reader = new StreamReader(path);
        return Read(reader, name);
    }

    /// <summary>Reads the table from text; <paramref name="name"/> names it in errors.</summary>
    public static OcvTable Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var header = reader.ReadLine() ?? throw new MeasuredDataException(name, 1, "header", "the file is empty");
        var names = header.Split(',').Select(h => h.Trim()).ToArray();
        var index = new int[Columns.Length];
        for (var c = 0; c < names.Length; c++)
        {
            if (Array.IndexOf(Columns, names[c]) < 0)
            {
                throw new MeasuredDataException(name, 1, $"column '{names[c]}'", $"unknown column of an OCV table (known: {string.Join(", ", Columns)})");
            }
        }

        for (var k = 0; k < Columns.Length; k++)
        {
            index[k] = Array.IndexOf(names, Columns[k]);
            if (index[k] < 0)
            {
                throw new MeasuredDataException(name, 1, "header", $"no '{Columns[k]}' column");
            }

            if (Array.LastIndexOf(names, Columns[k]) != index[k])
            {
                throw new MeasuredDataException(name, 1, $"column '{Columns[k]}'", "given twice");
            }
        }

        List<double> soc = [], ocv = [], hys = [];
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != names.Length)
            {
                throw new MeasuredDataException(name, lineNumber, "row", $"{fields.Length} fields where the header has {names.Length}");
            }

            var s = PulseTestReader.Number(fields[index[0]], name, lineNumber, Columns[0]);
            var v = PulseTestReader.Number(fields[index[1]], name, lineNumber, Columns[1]);
            var h = PulseTestReader.Number(fields[index[2]], name, lineNumber, Columns[2]);
            if (s is < 0 or > 100)
            {
                throw new MeasuredDataException(name, lineNumber, Columns[0], string.Create(CultureInfo.InvariantCulture, $"{s} is outside 0–100 %"));
            }

            if (soc.Count > 0 && !(s > soc[^1]))
            {
                throw new MeasuredDataException(name, lineNumber, Columns[0], string.Create(CultureInfo.InvariantCulture, $"SOC must increase ({s} after {soc[^1]})"));
            }

            if (v is <= 0 or > 10)
            {
                throw new MeasuredDataException(name, lineNumber, Columns[1], string.Create(CultureInfo.InvariantCulture, $"{v} V is not a cell voltage"));
            }

            soc.Add(s);
            ocv.Add(v);
            hys.Add(h);
        }

        if (soc.Count < 3)
        {
            throw new MeasuredDataException(name, lineNumber, "rows", "fewer than three points");
        }

        return new OcvTable(name, [.. soc], [.. ocv], [.. hys]);
    }
}
