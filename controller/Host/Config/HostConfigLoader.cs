using System.Net;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.ControllerHost.Config;

/// <summary>
/// Reads a host configuration (controller/config/*.yaml) through rt-core's strict YAML reader and refuses, with one
/// <see cref="HostConfigException"/> line naming file, line and field, anything the host could not run as written:
/// an unknown key (with a suggestion), a number out of its range, an endpoint without a port, a control period that is
/// not a whole number of ticks. Every key is optional; what is left out keeps <see cref="HostConfig"/>'s default.
/// Relative paths are resolved against the config file's folder.
/// </summary>
public static class HostConfigLoader
{
    private static readonly string[] s_root = ["cell", "charge", "charger", "twin", "loop", "link", "safety", "logs"];
    private static readonly string[] s_charge = ["capacity_Ah", "initial_soc", "initial_soc_sigma", "target_soc"];
    private static readonly string[] s_charger = ["max_current_A", "max_voltage_V", "ramp_A_per_s"];
    private static readonly string[] s_twin = ["k", "solver_divisor"];
    private static readonly string[] s_loop = ["tick_ms", "fifo_priority", "mlock", "cpu"];
    private static readonly string[] s_link = ["transport", "local", "remote", "interface", "dbc"];
    private static readonly string[] s_safety = ["diagnosis_table", "safe_stop_timeout_ms"];
    private static readonly string[] s_logs = ["frames", "decisions"];

    public static HostConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HostConfigException(path, 0, "", $"cannot read: {e.Message}");
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Parses config text; <paramref name="file"/> names it in messages, <paramref name="baseDirectory"/> anchors relative paths.</summary>
    public static HostConfig Parse(string text, string file, string baseDirectory)
    {
        var y = new YamlReader<HostConfigException>(file, (at, problem) => new HostConfigException(at.File, at.Line, at.Field, problem.Message));
        var documents = y.Parse(text);
        if (documents.Count == 0 || documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new HostConfig();
        }

        if (documents.Count > 1)
        {
            throw new HostConfigException(file, (int)documents[1].RootNode.Start.Line, "", "one document expected (a second '---' starts another)");
        }

        var config = new HostConfig();
        foreach (var (key, _, value, at) in y.Entries(y.Mapping(documents[0].RootNode, new YamlLocation(file, 1, 1, "")), "", s_root))
        {
            config = key switch
            {
                "cell" => config with { Cell = CellReference(y, value, at, baseDirectory) },
                "charge" => ReadCharge(y, value, config),
                "charger" => ReadCharger(y, value, config),
                "twin" => ReadTwin(y, value, config),
                "loop" => ReadLoop(y, value, config),
                "link" => ReadLink(y, value, config, baseDirectory),
                "safety" => ReadSafety(y, value, config, baseDirectory),
                _ => ReadLogs(y, value, config, baseDirectory),
            };
        }

        return config;
    }

    private static HostConfig ReadCharge(YamlReader<HostConfigException> y, YamlNode node, HostConfig c)
    {
        foreach (var e in y.Entries(y.Mapping(node, "charge"), "charge", s_charge))
        {
            c = e.Key switch
            {
                "capacity_Ah" => c with { Capacity_Ah = Range(y, e, 0.01, 1e4) },
                "initial_soc" => c with { InitialSoc = Range(y, e, 0, 1) },
                "initial_soc_sigma" => c with { InitialSocSigma = Range(y, e, 1e-4, 1) },
                _ => c with { TargetSoc = Range(y, e, 0.01, 1) },
            };
        }

        return c;
    }

    private static HostConfig ReadCharger(YamlReader<HostConfigException> y, YamlNode node, HostConfig c)
    {
        foreach (var e in y.Entries(y.Mapping(node, "charger"), "charger", s_charger))
        {
            c = e.Key switch
            {
                "max_current_A" => c with { ChargerMaxCurrent_A = Range(y, e, 0.01, 1000) },
                "max_voltage_V" => c with { ChargerMaxVoltage_V = Range(y, e, 1, 10) },
                _ => c with { Ramp_APerS = Range(y, e, 0.01, 1e5) },
            };
        }

        return c;
    }

    private static HostConfig ReadTwin(YamlReader<HostConfigException> y, YamlNode node, HostConfig c)
    {
        foreach (var e in y.Entries(y.Mapping(node, "twin"), "twin", s_twin))
        {
            c = e.Key switch
            {
                "k" => c with { K = Range(y, e, 0, 10) },
                _ => c with { SolverDivisor = y.Integer(e.Value, e.At, 1, 100_000) },
            };
        }

        return c;
    }

    private static HostConfig ReadLoop(YamlReader<HostConfigException> y, YamlNode node, HostConfig c)
    {
        foreach (var e in y.Entries(y.Mapping(node, "loop"), "loop", s_loop))
        {
            c = e.Key switch
            {
                "tick_ms" => c with { TickNs = y.Integer(e.Value, e.At, 1, 1000) * 1_000_000L },
                "fifo_priority" => c with { FifoPriority = y.Integer(e.Value, e.At, 1, 99) },
                "mlock" => c with { LockMemory = y.Boolean(e.Value, e.At) },
                _ => c with { Cpu = y.Integer(e.Value, e.At, 0, 1023) },
            };
        }

        return c;
    }

    private static HostConfig ReadLink(YamlReader<HostConfigException> y, YamlNode node, HostConfig c, string baseDirectory)
    {
        foreach (var e in y.Entries(y.Mapping(node, "link"), "link", s_link))
        {
            c = e.Key switch
            {
                "transport" => c with { Transport = y.OneOf(e.Value, e.At, ("udp", LinkTransport.Udp), ("socketcan", LinkTransport.SocketCan)) },
                "local" => c with { Local = Endpoint(y, e) },
                "remote" => c with { Remote = Endpoint(y, e) },
                "interface" => c with { Interface = InterfaceName(y, e) },
                _ => c with { Dbc = FilePath(y, e, baseDirectory) },
            };
        }

        return c;
    }

    private static HostConfig ReadSafety(YamlReader<HostConfigException> y, YamlNode node, HostConfig c, string baseDirectory)
    {
        foreach (var e in y.Entries(y.Mapping(node, "safety"), "safety", s_safety))
        {
            c = e.Key switch
            {
                "diagnosis_table" => c with { DiagnosisTable = FilePath(y, e, baseDirectory) },
                _ => c with { SafeStopTimeoutNs = y.Integer(e.Value, e.At, 10, 60_000) * 1_000_000L },
            };
        }

        return c;
    }

    private static HostConfig ReadLogs(YamlReader<HostConfigException> y, YamlNode node, HostConfig c, string baseDirectory)
    {
        foreach (var e in y.Entries(y.Mapping(node, "logs"), "logs", s_logs))
        {
            c = e.Key switch
            {
                "frames" => c with { FramesLog = FilePath(y, e, baseDirectory) },
                _ => c with { DecisionsLog = FilePath(y, e, baseDirectory) },
            };
        }

        return c;
    }

    private static double Range(YamlReader<HostConfigException> y, YamlEntry e, double min, double max)
    {
        var value = y.Number(e.Value, e.At);
        return value >= min && value <= max
            ? value
            : throw y.Error(e.At, System.FormattableString.Invariant($"{value} is outside {min} … {max}"));
    }

    private static IPEndPoint Endpoint(YamlReader<HostConfigException> y, YamlEntry e)
    {
        var text = y.Text(e.Value, e.At);
        return IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0 && text.Contains(':', StringComparison.Ordinal)
            ? endpoint
            : throw y.Error(e.At, $"'{text}': expected an IP address and port, e.g. 127.0.0.1:47100");
    }

    private static string InterfaceName(YamlReader<HostConfigException> y, YamlEntry e)
    {
        var text = y.Text(e.Value, e.At);
        return text.Length is > 0 and < 16 && text.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')
            ? text
            : throw y.Error(e.At, $"'{text}': expected a network interface name such as can0 (1–15 letters, digits, - _ .)");
    }

    private static string FilePath(YamlReader<HostConfigException> y, YamlEntry e, string baseDirectory)
    {
        var text = y.Text(e.Value, e.At);
        return text.Length > 0 && text.IndexOfAny(Path.GetInvalidPathChars()) < 0
            ? Path.GetFullPath(Path.Combine(baseDirectory, text))
            : throw y.Error(e.At, "expected a file path");
    }

    /// <summary>A bare name stays as it is (an embedded cell id, or the library's "unknown cell" error); a path is made relative to the config file.</summary>
    private static string CellReference(YamlReader<HostConfigException> y, YamlNode node, YamlLocation at, string baseDirectory)
    {
        var text = y.Text(node, at);
        if (text.Length == 0)
        {
            throw y.Error(at, $"expected a cell id ({string.Join(", ", ChargeTwin.Cells.CellLibrary.KnownIds)}) or a cell file");
        }

        var bare = !text.Contains('/', StringComparison.Ordinal) && !text.Contains('\\', StringComparison.Ordinal) && Path.GetExtension(text).Length == 0;
        return bare ? text : Path.GetFullPath(Path.Combine(baseDirectory, text));
    }
}
