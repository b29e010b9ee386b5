using System.Globalization;
using System.Text.RegularExpressions;
using ChargeTwin.HilBench.Validation;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>One pulse of a pulse file: its chamber temperature, nominal SOC and cell, prepared for replay.</summary>
/// <param name="Temperature_C">The chamber temperature the file names (T0 → 0 °C); the replay's ambient is the measured one.</param>
/// <param name="StateOfCharge_percent">The nominal SOC the file names (SoC9 → 90 %); the replay's initial state is the rest voltage.</param>
/// <param name="Cell">The cell's label (Cell19); each cell's pulses are kept, not averaged.</param>
/// <param name="Line">The line of the file where the pulse's rows start.</param>
/// <param name="Test">Rest voltage before the pulse, the pulse's recorded current, the relaxation after it.</param>
public sealed record PulseTest(double Temperature_C, int StateOfCharge_percent, string Cell, int Line, CalibrationTest Test);

/// <summary>
/// Reads the LG M50 pulse file (<c>LGM50_5Ah_Pulse_all.csv</c>, long format): one group of rows per chamber
/// temperature, SOC and cell — the last sample of the rest before the pulse, the 10 s discharge pulse, the relaxation
/// after it — each turned into a <see cref="CalibrationTest"/> as a rate test is (<see cref="CalibrationTestBuilder"/>).
/// Every group is its own test: the cell-to-cell spread stays in the data. Columns are mapped by name and every
/// column must be known; a group's rows must be contiguous and in time order. Errors are
/// <see cref="MeasuredDataException"/>s naming the file, line and column.
/// </summary>
public static partial class PulseTestReader
{
    private enum Role
    {
        Temperature,
        StateOfCharge,
        Cell,
        Status,
        Time,
        Voltage,
        Current,
        CellTemperature,
        Ignored,
    }

    private static readonly Dictionary<string, Role> KnownColumns = new(StringComparer.Ordinal)
    {
        ["temperature"] = Role.Temperature,
        ["soc"] = Role.StateOfCharge,
        ["cell"] = Role.Cell,
        ["Status"] = Role.Status,
        ["ProgTime"] = Role.Time,
        ["Voltage"] = Role.Voltage,
        ["Current"] = Role.Current,
        ["LogTemp001"] = Role.CellTemperature,
        ["Procedure"] = Role.Ignored,
        ["Step"] = Role.Ignored,
        ["StepTime"] = Role.Ignored,
        ["Cycle"] = Role.Ignored,
        ["CycleLevel"] = Role.Ignored,
        ["AhAccu"] = Role.Ignored,
        ["AhPrev"] = Role.Ignored,
        ["WhAccu"] = Role.Ignored,
        ["Watt"] = Role.Ignored,
        ["LogTemp002"] = Role.Ignored,
    };

    private static readonly Role[] Required = [Role.Temperature, Role.StateOfCharge, Role.Cell, Role.Status, Role.Time, Role.Voltage, Role.Current, Role.CellTemperature];

    /// <summary>
    /// How a pulse is cut into comparison points: the cycler logs every ~0.1 s, so only samples within 0.25 s of a
    /// current step are skipped (the step instant is logged with the other step's voltage, and the replay ramps the
    /// current over 75 ms); at most 40 points in the pulse and 20 in the relaxation.
    /// </summary>
    public static ReplayOptions DefaultOptions { get; } = new() { SkipAfterStep_s = 0.25, PointsPerDischarge = 40, PointsPerRest = 20 };

    /// <summary>True if the file's first line is a pulse file's header (starts with temperature,soc,cell).</summary>
    public static bool IsPulseFile(string path) => FirstLine(path) is { } header && header.StartsWith("temperature,soc,cell", StringComparison.Ordinal);

    /// <summary>Every pulse of the file, in file order.</summary>
    public static IReadOnlyList<PulseTest> Read(string path, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new MeasuredDataException(name, 0, "file", $"not found ({path})");
        }

        using var reader = new StreamReader(path);
        return Read(reader, name, options ?? DefaultOptions);
    }

    /// <summary>Every pulse of the text, in order; <paramref name="name"/> names it in errors.</summary>
    public static IReadOnlyList<PulseTest> Read(TextReader reader, string name, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var o = options ?? DefaultOptions;
        o.Validate();
        var header = reader.ReadLine() ?? throw new MeasuredDataException(name, 1, "header", "the file is empty");
        var (columns, width) = Columns(header, name);
        var pulses = new List<PulseTest>();
        var seen = new Dictionary<(double, int, string), int>();
        Group? group = null;
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != width)
            {
                throw new MeasuredDataException(name, lineNumber, "row", $"{fields.Length} fields where the header has {width}");
            }

            var key = Key(fields, columns, name, lineNumber);
            if (group is null || group.Key != key)
            {
                if (group is not null)
                {
                    pulses.Add(group.Finish(name, o));
                }

                if (seen.TryGetValue(key, out var firstLine))
                {
                    throw new MeasuredDataException(name, lineNumber, "temperature, soc, cell", $"the rows of {Label(key)} resume here after other pulses' rows (they started at line {firstLine}); a pulse's rows must be contiguous");
                }

                seen[key] = lineNumber;
                group = new Group(key, lineNumber);
            }

            group.Add(fields, columns, name, lineNumber);
        }

        if (group is null)
        {
            throw new MeasuredDataException(name, lineNumber, "rows", "no pulses after the header");
        }

        pulses.Add(group.Finish(name, o));
        return pulses;
    }

    private static (Dictionary<Role, int> Columns, int Width) Columns(string header, string name)
    {
        var names = header.Split(',').Select(h => h.Trim()).ToArray();
        var columns = new Dictionary<Role, int>();
        for (var c = 0; c < names.Length; c++)
        {
            if (!KnownColumns.TryGetValue(names[c], out var role))
            {
                throw new MeasuredDataException(name, 1, $"column '{names[c]}'", $"unknown column of a pulse file (known: {string.Join(", ", KnownColumns.Keys)})");
            }

            if (role == Role.Ignored)
            {
                continue;
            }

            if (!columns.TryAdd(role, c))
            {
                throw new MeasuredDataException(name, 1, $"column '{names[c]}'", "given twice");
            }
        }

        foreach (var role in Required)
        {
            if (!columns.ContainsKey(role))
            {
                throw new MeasuredDataException(name, 1, "header", $"no '{KnownColumns.First(k => k.Value == role).Key}' column");
            }
        }

        return (columns, names.Length);
    }

    private static (double Temperature_C, int Soc_percent, string Cell) Key(string[] fields, Dictionary<Role, int> columns, string name, int line)
    {
        var t = fields[columns[Role.Temperature]].Trim();
        var s = fields[columns[Role.StateOfCharge]].Trim();
        var c = fields[columns[Role.Cell]].Trim();
        var tm = TemperatureLabel().Match(t);
        if (!tm.Success || !double.TryParse(tm.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var temperature) || temperature is < -40 or > 80)
        {
            throw new MeasuredDataException(name, line, "temperature", $"'{t}' is not a chamber temperature label (T0, T10, T25, T45: −40…80 °C)");
        }

        var sm = SocLabel().Match(s);
        if (!sm.Success || !int.TryParse(sm.Groups["value"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var soc) || soc is < 0 or > 10)
        {
            throw new MeasuredDataException(name, line, "soc", $"'{s}' is not an SOC label (SoC0…SoC10: tens of per cent)");
        }

        if (!CellLabel().IsMatch(c))
        {
            throw new MeasuredDataException(name, line, "cell", $"'{c}' is not a cell label (e.g. Cell19)");
        }

        return (temperature, 10 * soc, c);
    }

    private static string Label((double Temperature_C, int Soc_percent, string Cell) key) =>
        string.Create(CultureInfo.InvariantCulture, $"T{key.Temperature_C:G} {key.Soc_percent} % {key.Cell}");

    /// <summary>The rows of one pulse as read, with their line numbers.</summary>
    private sealed class Group((double Temperature_C, int Soc_percent, string Cell) key, int firstLine)
    {
        private readonly List<(int Line, double Time, double Current, double Voltage, double Temperature)> _rows = [];

        public (double Temperature_C, int Soc_percent, string Cell) Key { get; } = key;

        public void Add(string[] fields, Dictionary<Role, int> columns, string name, int line)
        {
            var status = fields[columns[Role.Status]].Trim();
            if (status is not ("P" or "R" or "D" or "C"))
            {
                throw new MeasuredDataException(name, line, "Status", $"'{status}' is not a cycler step status (P, R: pause or rest; D: discharge; C: charge)");
            }

            var time = Number(fields[columns[Role.Time]], name, line, "ProgTime");
            var voltage = Number(fields[columns[Role.Voltage]], name, line, "Voltage");
            var current = Number(fields[columns[Role.Current]], name, line, "Current");
            var temperatureText = fields[columns[Role.CellTemperature]].Trim();
            var temperature = temperatureText.Length == 0 ? double.NaN : Number(temperatureText, name, line, "LogTemp001");
            if (_rows.Count > 0 && time < _rows[^1].Time)
            {
                throw new MeasuredDataException(name, line, "ProgTime", string.Create(CultureInfo.InvariantCulture, $"time goes backwards ({time} s after {_rows[^1].Time} s)"));
            }

            _rows.Add((line, time, current, voltage, temperature));
        }

        /// <summary>
        /// The rest sample before the pulse, the samples under current and the relaxation after them. Samples at zero
        /// current between the rest sample and the first sample under current (and between samples under current) are
        /// the cycler's logs of a step instant — current already 0 or not yet, the voltage already the other step's —
        /// and are dropped.
        /// </summary>
        public PulseTest Finish(string name, ReplayOptions o)
        {
            var thr = o.RestThreshold_A;
            var label = Label(Key);
            if (Math.Abs(_rows[0].Current) > thr)
            {
                throw new MeasuredDataException(name, _rows[0].Line, "Current", $"{label} starts under current: the rest sample before the pulse is missing");
            }

            var charging = _rows.FindIndex(r => r.Current > thr);
            if (charging >= 0)
            {
                throw new MeasuredDataException(name, _rows[charging].Line, "Current", $"{label}: a charging current in a file of discharge pulses");
            }

            var first = _rows.FindIndex(r => r.Current < -thr);
            var last = _rows.FindLastIndex(r => r.Current < -thr);
            if (first < 0)
            {
                throw new MeasuredDataException(name, firstLine, "Current", $"{label} has no sample under current");
            }

            if (first == last)
            {
                throw new MeasuredDataException(name, _rows[first].Line, "Current", $"{label}: a pulse of a single sample");
            }

            var kept = new List<(int Line, double Time, double Current, double Voltage, double Temperature)> { _rows[0] };
            kept.AddRange(_rows.Skip(first).Take(last - first + 1).Where(r => r.Current < -thr));
            kept.AddRange(_rows.Skip(last + 1));
            var t0 = kept[0].Time;
            var measured = new MeasuredTest(
                name,
                [.. kept.Select(r => r.Time - t0)],
                [.. kept.Select(r => r.Current)],
                [.. kept.Select(r => r.Voltage)],
                [.. kept.Select(r => r.Temperature)]);
            CalibrationTest test;
            try
            {
                test = CalibrationTestBuilder.FromMeasured(measured, o);
            }
            catch (MeasuredDataException e)
            {
                // the builder counts lines as if the kept samples followed a header: name the file's own line
                var index = e.Line - 2;
                var prefix = e.Line > 0 ? $"{e.File}:{e.Line}: {e.Field}: " : $"{e.File}: {e.Field}: ";
                var problem = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
                throw new MeasuredDataException(name, index >= 0 && index < kept.Count ? kept[index].Line : firstLine, e.Field, $"{label}: {problem}");
            }

            var inv = CultureInfo.InvariantCulture;
            return new PulseTest(Key.Temperature_C, Key.Soc_percent, Key.Cell, firstLine, test with
            {
                Name = string.Create(inv, $"pulse T{Key.Temperature_C:G} {Key.Soc_percent}% {Key.Cell}"),
                Source = string.Create(inv, $"{name}:{firstLine}"),
                InitialStateNote = string.Create(inv, $"initial state: rest voltage {kept[0].Voltage:F4} V (line {kept[0].Line} of {name})"),
            });
        }
    }

    /// <summary>A finite number in a measured-data field, or the reader's located error.</summary>
    internal static double Number(string text, string file, int line, string field)
    {
        var trimmed = text.Trim();
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new MeasuredDataException(file, line, field, $"'{trimmed}' is not a number");
    }

    internal static string? FirstLine(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var reader = new StreamReader(path);
        return reader.ReadLine()?.Trim();
    }

    [GeneratedRegex(@"^T(?<value>-?[0-9]+(?:\.[0-9]+)?)$")]
    private static partial Regex TemperatureLabel();

    [GeneratedRegex(@"^SoC(?<value>[0-9]{1,2})$")]
    private static partial Regex SocLabel();

    [GeneratedRegex(@"^Cell[0-9]+$")]
    private static partial Regex CellLabel();
}
