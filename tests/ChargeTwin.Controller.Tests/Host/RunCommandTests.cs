using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChargeTwin.Cells;
using ChargeTwin.ControllerHost;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;
using ChargeTwin.RtCore.Clocks;
using ChargeTwin.RtCore.Loop;

namespace ChargeTwin.Controller.Tests.Host;

/// <summary>
/// <c>run</c> as a separate process on real UDP sockets against a loopback charger (power stage and cell front end)
/// ticking on the real clock in this process: it charges, a SIGTERM stops it safely with the power stage's own status
/// confirming the output off, and <c>replay</c> of the frames it recorded gives the same decision log to the byte.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chargetwin-run-").FullName;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("CHARGETWIN_KEEP_TEST_DIR") is null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Run_OverUdp_ChargesThenStopsSafelyOnSigterm_AndReplayOfItsFramesGivesTheSameDecisions()
    {
        using var peerTransport = new UdpCanTransport(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, FreeUdpPort()));
        var hostPort = peerTransport.RemoteEndPoint.Port;
        var config = WriteConfig(peerTransport.LocalEndPoint.Port, hostPort, safeStopMs: 1000);
        var protocol = ChargerProtocol.LoadDefault();
        var charger = new LoopbackCharger(protocol, ChargerProtocol.LoadDefault(), peerTransport, CellLibrary.Load("lgm50"), 0.2, 298.15);
        var peerLoop = new PeriodicLoop(MonotonicClock.Instance, 10_000_000L);
        var peer = new Thread(() => peerLoop.Run(new PeerTick(charger))) { IsBackground = true };
        peer.Start();

        using var host = StartHost("run", "--config", config);
        var charging = Stopwatch.StartNew();
        while (!(charger.Delivered_A > 1) && charging.Elapsed < TimeSpan.FromSeconds(60) && !host.HasExited)
        {
            Thread.Sleep(50);
        }

        Assert.True(charger.Delivered_A > 1, $"the host never charged: {charger.Delivered_A} A; {Output(host)}");
        Thread.Sleep(3000); // a few decisions at 1 s while charging
        using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(host.WaitForExit(20_000), "the host did not exit after SIGTERM");
        var output = Output(host);
        peerLoop.Stop();
        peer.Join();
        Assert.True(host.ExitCode == 0, output);
        Assert.Contains("safe stop (SIGTERM): the power stage confirmed its output off", output, StringComparison.Ordinal);
        Assert.Equal(0, charger.Delivered_A);

        // The replay of the recorded frames with the loop's timing from the decision log: the same rows up to the stop
        // (the stop itself is the run's, not the frames').
        var live = File.ReadAllLines(Path.Combine(_dir, "decisions.csv"));
        var stopRow = Array.FindIndex(live, l => l.Contains("\"safe stop: SIGTERM\"", StringComparison.Ordinal));
        Assert.True(stopRow > 3, $"no safe-stop row after the charge began in the decision log:\n{string.Join('\n', live.Take(20))}");
        var end = stopRow;
        var stopAt = live[end].Split(',')[0];
        var root = new RootCommand("test");
        root.Subcommands.Add(ReplayCommand.Create());
        var replayed = Path.Combine(_dir, "replayed.csv");
        Assert.Equal(HostCli.Ok, HostCli.Invoke(root, ["replay", "--config", config, "--frames", Path.Combine(_dir, "frames.log"), "--decisions", replayed, "--until", stopAt, "--timing", Path.Combine(_dir, "decisions.csv")]));
        var again = File.ReadAllLines(replayed);
        var expected = live.Take(end).ToArray();
        Assert.True(expected.Count(l => l.Split(',')[1] == "1") >= 4, $"fewer than four decisions before the stop: {live[end]}");
        Assert.Equal(expected, again.Take(end).ToArray());
    }

    [Fact]
    public void Run_WithNoPowerStageAnswering_CannotConfirmItsSafeStop_AndSaysSoWithExit1()
    {
        var config = WriteConfig(FreeUdpPort(), FreeUdpPort(), safeStopMs: 200);
        using var host = StartHost("run", "--config", config, "--duration", "0.5");
        Assert.True(host.WaitForExit(30_000), "the host did not end");
        var output = Output(host);
        Assert.True(host.ExitCode == 1, output);
        Assert.Contains("safe stop (duration reached): NOT CONFIRMED — no PS_Status with the output off within 200 ms (last: none valid)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("link:\n  remote: 127.0.0.1\n", "host.yaml:2: link.remote: '127.0.0.1': expected an IP address and port, e.g. 127.0.0.1:47100")]
    [InlineData("twin:\n  solver_divisr: 10\n", "host.yaml:2: twin.solver_divisr:")]
    [InlineData("charge:\n  initial_soc: 1.5\n", "host.yaml:2: charge.initial_soc: 1.5 is outside 0 … 1")]
    [InlineData("cell: nosuchcell\n", "unknown cell")]
    [InlineData("link:\n  transport: can\n", "host.yaml:2: link.transport:")]
    [InlineData("loop: [1, 2\n", "host.yaml:")]
    public void Run_OnABadConfig_SaysWhereAndWhatInOneLine_AndExits2(string text, string expected)
    {
        var path = Path.Combine(_dir, "host.yaml");
        File.WriteAllText(path, text);
        using var host = StartHost("run", "--config", path);
        Assert.True(host.WaitForExit(30_000));
        var error = host.StandardError.ReadToEnd().Trim();
        Assert.Equal(2, host.ExitCode);
        Assert.Single(error.Split('\n'));
        Assert.Contains(expected, error.Replace(path, "host.yaml", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private string WriteConfig(int peerPort, int hostPort, int safeStopMs)
    {
        var path = Path.Combine(_dir, "host.yaml");
        File.WriteAllText(path, $"""
            cell: lgm50
            charge: {"{"}initial_soc: 0.2, initial_soc_sigma: 0.05{"}"}
            twin: {"{"}solver_divisor: 100{"}"}
            loop: {"{"}fifo_priority: 50{"}"}
            link:
              transport: udp
              local: 127.0.0.1:{hostPort}
              remote: 127.0.0.1:{peerPort}
            safety: {"{"}safe_stop_timeout_ms: {safeStopMs}{"}"}
            logs: {"{"}frames: frames.log, decisions: decisions.csv{"}"}
            """);
        return path;
    }

    private static Process StartHost(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chargetwin-controller.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    private static string Output(Process p) => p.HasExited ? p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd() : "(still running)";

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private sealed class PeerTick(LoopbackCharger charger) : IPeriodicTask
    {
        public void Tick(long nowNs, long releaseNs, long deadlineNs) => charger.Tick(releaseNs);
    }
}
