using ChargeTwin.Controller.Quantities;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.Controller.Safety;

/// <summary>
/// Reads a diagnosis table (YAML through rt-core's strict reader: no reflection, AOT safe) and refuses, with one
/// <see cref="DiagnosisTableException"/> line naming file, line and field, anything the monitor could not evaluate as
/// written: an unknown key or signal (with a suggestion), a duplicate id, a debounce below one evaluation or a negative
/// time, an unknown reaction or severity, a missing ftti, a derate without its current, a threshold in the wrong
/// unit, a release on the wrong side of its threshold.
/// </summary>
public static class DiagnosisTableLoader
{
    private static readonly string[] s_rootKeys = ["settings", "rows"];

    private static readonly string[] s_rowKeys = ["id", "signal", "trips", "threshold", "release", "debounce", "severity", "reaction", "current", "ftti", "description"];

    private static readonly (string Name, SafetyReaction Value)[] s_reactions =
        [("derate", SafetyReaction.Derate), ("stop", SafetyReaction.Stop), ("emergency_stop", SafetyReaction.EmergencyStop)];

    /// <summary>Reads and checks a table file.</summary>
    public static DiagnosisTable LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosisTableException(path, 0, "", $"cannot read: {e.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses and checks table text; <paramref name="file"/> names it in messages.</summary>
    public static DiagnosisTable Parse(string text, string file)
    {
        var y = new YamlReader<DiagnosisTableException>(file, (at, problem) => new DiagnosisTableException(at.File, at.Line, at.Field, problem.Message));
        var documents = y.Parse(text);
        if (documents.Count == 0 || documents[0].RootNode is not YamlMappingNode root)
        {
            throw new DiagnosisTableException(file, 1, "", "expected a mapping with settings: and rows:");
        }

        var settings = new DiagnosisSettings();
        YamlNode? rowsNode = null;
        foreach (var (key, _, value, _) in y.Entries(root, "", s_rootKeys))
        {
            if (key == "settings")
            {
                settings = DiagnosisSettingsReader.Read(y, y.Mapping(value, "settings"));
            }
            else
            {
                rowsNode = value;
            }
        }

        var list = y.Sequence(rowsNode ?? throw y.Error(root, "rows", "required key is missing: the list of checks"), "rows");
        if (list.Children.Count == 0)
        {
            throw y.Error(list, "rows", "the table has no rows");
        }

        var rows = new List<DiagnosisRow>(list.Children.Count);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in list.Children)
        {
            var row = ReadRow(y, y.Mapping(node, "rows"));
            if (!lines.TryAdd(row.Id, row.Line))
            {
                throw y.Error(YamlScalars.Find((YamlMappingNode)node, "id")!, $"rows.{row.Id}.id", $"duplicate id '{row.Id}' (first at line {lines[row.Id]}): the safety case cites each id for one check");
            }

            rows.Add(row);
        }

        return new DiagnosisTable(file, settings, rows);
    }

    private static DiagnosisRow ReadRow(YamlReader<DiagnosisTableException> y, YamlMappingNode m)
    {
        y.Entries(m, "rows", s_rowKeys);
        var idNode = Required(y, m, "id", "rows", "the check's stable id (e.g. SM-01)");
        var id = y.Text(idNode, "rows.id");
        if (id.Length == 0)
        {
            throw y.Error(idNode, "rows.id", "the id is empty");
        }

        var f = $"rows.{id}";
        var signalNode = Required(y, m, "signal", f, "what the row watches");
        var signalName = y.Text(signalNode, $"{f}.signal");
        var signal = DiagnosisSignalInfo.Find(signalName) ?? throw y.Error(
            signalNode,
            $"{f}.signal",
            $"unknown signal '{signalName}'{NameSuggestions.DidYouMean(signalName, DiagnosisSignalInfo.All.Select(s => s.Name))}");

        var (direction, threshold, release, thresholdText) = signal.IsFlag ? NoThreshold(y, m, f, signal) : ReadThreshold(y, m, f, signal);
        var (count, debounceNs) = ReadDebounce(y, Required(y, m, "debounce", f, "{count: N} and/or {time: T}"), $"{f}.debounce");
        var severity = y.OneOf(
            Required(y, m, "severity", f, "info, warning, critical or fatal"),
            $"{f}.severity",
            ("info", DiagnosisSeverity.Info),
            ("warning", DiagnosisSeverity.Warning),
            ("critical", DiagnosisSeverity.Critical),
            ("fatal", DiagnosisSeverity.Fatal));
        var reaction = ReadReaction(y, m, f);
        var fttiNode = Required(y, m, "ftti", f, "the fault-tolerant time interval, e.g. ftti: 1000 ms");
        var ftti_s = DiagnosisQuantities.Read(y, fttiNode, $"{f}.ftti", QuantityKind.Time);
        if (!(ftti_s > 0))
        {
            throw y.Error(fttiNode, $"{f}.ftti", "the fault-tolerant time interval must be positive");
        }

        var fttiNs = ToNs(ftti_s);
        if (debounceNs >= fttiNs)
        {
            throw y.Error(fttiNode, $"{f}.ftti", "impossible: the debounce time is not shorter than the FTTI, so no reaction can come in time");
        }

        var descriptionNode = Required(y, m, "description", f, "one line saying what the check is and why its numbers");
        var description = y.Text(descriptionNode, $"{f}.description").Trim();
        if (description.Length == 0)
        {
            throw y.Error(descriptionNode, $"{f}.description", "the description is empty");
        }

        return new DiagnosisRow(id, signal, direction, threshold, release, count, debounceNs, severity, reaction, fttiNs, description, thresholdText, (int)m.Start.Line);
    }

    private static (TripDirection, double, double, string) NoThreshold(YamlReader<DiagnosisTableException> y, YamlMappingNode m, string f, DiagnosisSignalInfo signal)
    {
        foreach (var key in (ReadOnlySpan<string>)["trips", "threshold", "release"])
        {
            if (YamlScalars.Find(m, key) is { } node)
            {
                throw y.Error(node, $"{f}.{key}", $"{signal.Name} is a flag: the row trips while it is set and takes no {key}");
            }
        }

        return (TripDirection.Above, double.NaN, double.NaN, "");
    }

    private static (TripDirection, double, double, string) ReadThreshold(YamlReader<DiagnosisTableException> y, YamlMappingNode m, string f, DiagnosisSignalInfo signal)
    {
        var direction = y.OneOf(Required(y, m, "trips", f, "above or below"), $"{f}.trips", ("above", TripDirection.Above), ("below", TripDirection.Below));
        var thresholdNode = Required(y, m, "threshold", f, $"{DiagnosisQuantities.UnitsOf(signal)}");
        var threshold = DiagnosisQuantities.Read(y, thresholdNode, $"{f}.threshold", signal);
        var release = threshold;
        if (YamlScalars.Find(m, "release") is { } releaseNode)
        {
            release = DiagnosisQuantities.Read(y, releaseNode, $"{f}.release", signal);
            if (direction == TripDirection.Above ? release > threshold : release < threshold)
            {
                throw y.Error(releaseNode, $"{f}.release", $"impossible: a row that trips {(direction == TripDirection.Above ? "above" : "below")} its threshold must release on the safe side of it");
            }
        }

        return (direction, threshold, release, y.Text(thresholdNode, $"{f}.threshold"));
    }

    private static (int Count, long Ns) ReadDebounce(YamlReader<DiagnosisTableException> y, YamlNode node, string f)
    {
        var count = 1;
        var ns = 0L;
        foreach (var (key, _, value, at) in y.Entries(y.Mapping(node, f), f, ["count", "time"]))
        {
            if (key == "count")
            {
                var text = y.Text(value, at.Field);
                if (!YamlScalars.TryInteger(text, hex: false, out count))
                {
                    throw y.Error(value, at.Field, new YamlProblem.NotAWholeNumber(text));
                }

                if (count < 1)
                {
                    throw y.Error(value, at.Field, count < 0
                        ? $"a debounce count cannot be negative ({count})"
                        : "a debounce count is at least 1 (the evaluation that sees the fault)");
                }
            }
            else
            {
                var time_s = DiagnosisQuantities.Read(y, value, at.Field, QuantityKind.Time);
                if (time_s < 0)
                {
                    throw y.Error(value, at.Field, $"a debounce time cannot be negative ({y.Text(value, at.Field)})");
                }

                ns = ToNs(time_s);
            }
        }

        return (count, ns);
    }

    private static DiagnosisReaction ReadReaction(YamlReader<DiagnosisTableException> y, YamlMappingNode m, string f)
    {
        var node = Required(y, m, "reaction", f, "derate, stop or emergency_stop");
        var name = y.Text(node, $"{f}.reaction");
        var reaction = SafetyReaction.None;
        foreach (var (known, value) in s_reactions)
        {
            reaction = known == name ? value : reaction;
        }

        if (reaction == SafetyReaction.None)
        {
            throw y.Error(node, $"{f}.reaction", $"unknown reaction '{name}'{NameSuggestions.DidYouMean(name, s_reactions.Select(r => r.Name))} (expected derate, stop or emergency_stop)");
        }

        var currentNode = YamlScalars.Find(m, "current");
        if (reaction != SafetyReaction.Derate)
        {
            return currentNode is null
                ? new DiagnosisReaction(reaction, 0)
                : throw y.Error(currentNode, $"{f}.current", $"only a derate row has a current ({name} allows none)");
        }

        if (currentNode is null)
        {
            throw y.Error(node, $"{f}.current", "a derate row needs current: the most it allows (e.g. current: 2.5 A)");
        }

        var current_A = DiagnosisQuantities.Read(y, currentNode, $"{f}.current", QuantityKind.Current);
        return current_A > 0
            ? new DiagnosisReaction(reaction, current_A)
            : throw y.Error(currentNode, $"{f}.current", "a derate current must be positive (a row that allows none is a stop)");
    }

    private static YamlNode Required(YamlReader<DiagnosisTableException> y, YamlMappingNode m, string key, string f, string what) =>
        YamlScalars.Find(m, key) ?? throw y.Error(m, $"{f}.{key}", $"missing {key}: {what}");

    private static long ToNs(double seconds) => (long)Math.Round(seconds * 1e9);
}
