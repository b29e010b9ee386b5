using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChargeTwin.HilBench.Tests.Cli;

namespace ChargeTwin.HilBench.Tests.Link;

/// <summary>
/// <c>chargetwin-bench hil</c> in real time on real UDP sockets against <c>chargetwin-controller run</c> (the JIT build
/// beside the tests), each a separate process: the controller charges the bench's plant, the bench reports latencies
/// and missed setpoint cycles, holds the output off after the scenario until the controller has confirmed its own safe
/// stop, and the controller's <c>replay</c> of the frames it recorded gives its decision log to the byte.
/// </summary>
public sealed class RealTimeHilTests : IDisposable
{
    /// <summary>25 s of charge at 25 °C from 20 % SOC, ended by the time limit (the test stays under a minute).</summary>
    private const string Campaign = """
        name: hil-short
        seed: 3
        period: 1 s
        time_limit: 25 s
        plant: {volumes: 6, shells: 6}
        ambient: 25 °C
        start_soc: 20 %
        target_soc: 80 %
        charger: {max_current: 3C, max_voltage: 4.2 V, slew: 15 A/s}
        controllers:
          device: {type: external}
        report: {plots: none, traces: false}
        """;

    private readonly string _dir = BenchProcess.TempDirectory();

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("CHARGETWIN_KEEP_TEST_DIR") is null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Hil_AgainstTheControllerProcess_Charges_ReportsLatenciesAndMissedCycles_AndTheControllersReplayGivesItsDecisions()
    {
        var (benchPort, controllerPort) = (FreeUdpPort(), FreeUdpPort());
        var campaign = Path.Combine(_dir, "hil.yaml");
        File.WriteAllText(campaign, Campaign);
        var config = WriteControllerConfig(controllerPort, benchPort);
        var outDir = Path.Combine(_dir, "report");

        using var bench = Start("chargetwin-bench.dll", "hil", "--campaign", campaign, "--controller", $"udp://127.0.0.1:{controllerPort}", "--listen", $"127.0.0.1:{benchPort}", "--out", outDir);
        Assert.True(bench.WaitForLine("listening", TimeSpan.FromSeconds(60)), $"the bench never listened: {bench.Output}");
        // The controller stops itself 26 s after its loop began: after the bench's 25 s scenario (which began before
        // the controller started), while the bench holds the output off and keeps the bus alive for its confirmation.
        using var controller = Start("chargetwin-controller.dll", "run", "--config", config, "--duration", "26");
        Assert.True(controller.WaitForExit(TimeSpan.FromSeconds(90)), $"the controller did not end: {controller.Output}");
        Assert.True(bench.WaitForExit(TimeSpan.FromSeconds(30)), $"the bench did not end: {bench.Output}");
        Assert.True(controller.ExitCode == 0, controller.Output);
        Assert.Contains("safe stop (duration reached): the power stage confirmed its output off", controller.Output, StringComparison.Ordinal);
        Assert.True(bench.ExitCode == 0, bench.Output);

        // The bench's report: the scenario ran to its time limit with the plant charged by the controller's setpoints.
        var summary = File.ReadAllLines(Path.Combine(outDir, "summary.csv"));
        Assert.Equal(2, summary.Length);
        var header = summary[0].Split(',');
        var row = summary[1].Split(',');
        string Column(string name) => row[Array.IndexOf(header, name)];
        Assert.Equal("TimeLimit", Column("end"));
        var finalSoc = double.Parse(Column(header.First(h => h.StartsWith("final_soc", StringComparison.Ordinal))), CultureInfo.InvariantCulture);
        Assert.True(finalSoc > 20.5, $"the controller did not charge the plant: final SOC {finalSoc} %\n{bench.Output}");

        // hil.csv: latencies of the new setpoints (one a second while charging) and the setpoint cycles.
        var timing = File.ReadAllLines(Path.Combine(outDir, "hil.csv"));
        Assert.Equal(2, timing.Length);
        var names = timing[0].Split(',');
        var values = timing[1].Split(',');
        double Value(string name) => double.Parse(values[Array.IndexOf(names, name)], CultureInfo.InvariantCulture);
        Assert.True(Value("latencies") >= 10, timing[1]);
        Assert.InRange(Value("latency_p50_ms"), 0.001, 20);
        Assert.True(Value("latency_p99_ms") >= Value("latency_p50_ms") && Value("latency_max_ms") >= Value("latency_p99_ms"), timing[1]);
        Assert.True(Value("setpoints") > 800, timing[1]); // 20 ms cycle over > 20 s
        Assert.True(Value("missed_cycles") >= 0, timing[1]);
        Assert.Equal(1, Value("controller_stopped"));
        Assert.Contains("sample → setpoint latency p50", bench.Output, StringComparison.Ordinal);

        // The controller's decision log equals its replay of the frames it recorded, to the byte, up to its stop.
        var live = File.ReadAllLines(Path.Combine(_dir, "decisions.csv"));
        var stop = Array.FindIndex(live, l => l.Contains("\"safe stop: duration reached\"", StringComparison.Ordinal));
        Assert.True(stop > 10, $"no safe-stop row after the charge in the decision log:\n{string.Join('\n', live.Take(20))}");
        Assert.Contains(live.Take(stop), l => l.Split(',')[1] == "1" && l.Split(',')[12] == "1"); // a decision that enabled the output
        var replayed = Path.Combine(_dir, "replayed.csv");
        using (var replay = Start("chargetwin-controller.dll", "replay", "--config", config, "--frames", Path.Combine(_dir, "frames.log"), "--decisions", replayed, "--until", live[stop].Split(',')[0], "--timing", Path.Combine(_dir, "decisions.csv")))
        {
            Assert.True(replay.WaitForExit(TimeSpan.FromSeconds(60)) && replay.ExitCode == 0, replay.Output);
        }

        Assert.Equal(live.Take(stop).ToArray(), File.ReadAllLines(replayed).Take(stop).ToArray());
    }

    [Fact]
    public void Hil_WithNoControllerAnswering_SaysSoInOneLine_AndExits1_WithTheOutputNeverOn()
    {
        var campaign = Path.Combine(_dir, "hil.yaml");
        File.WriteAllText(campaign, Campaign);
        var r = BenchProcess.Run(_dir, "hil", "--campaign", campaign, "--controller", $"udp://127.0.0.1:{FreeUdpPort()}", "--listen", $"127.0.0.1:{FreeUdpPort()}", "--connect-timeout", "1", "--out", Path.Combine(_dir, "out"));
        Assert.True(r.ExitCode == 1, r.StdOut + r.StdErr);
        var error = r.StdErr.Trim();
        Assert.Single(error.Split('\n'));
        Assert.Matches(@"^chargetwin-bench: no frames from the controller \(udp:127\.0\.0\.1:\d+->127\.0\.0\.1:\d+\) within 1 s of the scenario's start; the power stage's output stayed off$", error);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:47101", "--controller 'tcp://127.0.0.1:47101': expected udp://HOST:PORT, e.g. udp://127.0.0.1:47101")]
    [InlineData("udp://localhost:47101", "--controller 'udp://localhost:47101': expected an IP address and a port from 1 to 65535, e.g. udp://127.0.0.1:47101")]
    [InlineData("udp://127.0.0.1", "--controller 'udp://127.0.0.1': expected an IP address and a port from 1 to 65535")]
    [InlineData("udp://127.0.0.1:70000", "--controller 'udp://127.0.0.1:70000': expected an IP address and a port")]
    public void Hil_WithABadControllerAddress_IsOneLine_AndExitCode2(string address, string expected)
    {
        var campaign = Path.Combine(_dir, "hil.yaml");
        File.WriteAllText(campaign, Campaign);
        var r = BenchProcess.Run(_dir, "hil", "--campaign", campaign, "--controller", address);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.Contains(expected, r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Hil_RefusesACampaignWithAnInProcessController_ByName_ExitCode2()
    {
        var campaign = Path.Combine(_dir, "hil.yaml");
        File.WriteAllText(campaign, Campaign.Replace("device: {type: external}", "cccv: {type: cccv, steps: [\"Charge at 1C until 4.2 V\"]}", StringComparison.Ordinal));
        var r = BenchProcess.Run(_dir, "hil", "--campaign", campaign, "--controller", "udp://127.0.0.1:47101");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("controllers.cccv: type cccv runs inside the bench; real-time HIL drives a separate process (type: external)", r.StdErr, StringComparison.Ordinal);
    }

    private string WriteControllerConfig(int controllerPort, int benchPort)
    {
        var path = Path.Combine(_dir, "host.yaml");
        File.WriteAllText(path, $$"""
            cell: lgm50
            charge: {initial_soc: 0.2, initial_soc_sigma: 0.05}
            charger: {max_current_A: 15, max_voltage_V: 4.2, ramp_A_per_s: 15}
            twin: {solver_divisor: 100}
            loop: {fifo_priority: 50}   # the loop above the test machine's other work where SCHED_FIFO is granted (reported either way)
            link:
              transport: udp
              local: 127.0.0.1:{{controllerPort}}
              remote: 127.0.0.1:{{benchPort}}
            safety: {safe_stop_timeout_ms: 1000}
            logs: {frames: frames.log, decisions: decisions.csv}
            """);
        return path;
    }

    private ChildProcess Start(string dll, params string[] args) => new(_dir, dll, args);

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>A program built beside the tests, its output collected line by line as it comes.</summary>
    private sealed class ChildProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        public ChildProcess(string directory, string dll, string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            _process = new Process { StartInfo = info };
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string Output => string.Join('\n', _lines);

        public int ExitCode => _process.ExitCode;

        public bool WaitForLine(string text, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return true;
                }

                if (_process.HasExited)
                {
                    return false;
                }

                Thread.Sleep(20);
            }

            return false;
        }

        public bool WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                return false;
            }

            _process.WaitForExit(); // the output's last lines
            return true;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
