using System.CommandLine;
using System.Globalization;
using ChargeTwin.ControllerHost.Wiring;
using ChargeTwin.FirmwareInterface.Logs;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.ControllerHost;

/// <summary>
/// <c>replay --config FILE.yaml --frames LOG</c>: the controller of <c>run</c>, on the virtual clock, fed the frames a
/// run recorded (its <c>logs.frames</c>: every frame at the tick that took it) — the same decisions to the bit, with
/// no power stage and no real time. It is how a JIT build and a NativeAOT build are compared on the same inputs, and
/// how a field log is re-examined. The loop's timing is not in the frames: <c>--timing</c> takes it from the run's
/// decision log (the releases it skipped, the overruns the monitor saw); without it every deadline is taken as kept.
/// The run's own stop (a signal, its duration) is not in the frames either: rows from that instant on differ, so
/// <c>--until</c> ends the replay where the run stopped.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "the host configuration the run used", Required = true };
        var frames = new Option<FileInfo>("--frames") { Description = "the run's candump log (logs.frames)", Required = true };
        var decisions = new Option<FileInfo?>("--decisions") { Description = "write the decision log here (default: standard output)" };
        var until = new Option<double?>("--until") { Description = "end at this charge time [s] (default: the log's last frame)" };
        var timing = new Option<FileInfo?>("--timing") { Description = "the run's decision log: replay its skipped releases and overruns" };
        var command = new Command("replay", "re-run the controller's decisions on a recorded run's frames") { config, frames, decisions, until, timing };
        command.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(frames)!, parse.GetValue(decisions), parse.GetValue(until), parse.GetValue(timing)));
        return command;
    }

    private static int Run(FileInfo configFile, FileInfo framesFile, FileInfo? decisionsFile, double? until_s, FileInfo? timingFile)
    {
        HostInputs inputs;
        CandumpLog recorded;
        LoopTiming timing;
        try
        {
            inputs = HostInputs.Load(configFile.FullName);
            recorded = CandumpLogReader.ReadFile(framesFile.FullName);
            timing = timingFile is null ? LoopTiming.Ideal : LoopTiming.Read(timingFile.FullName, inputs.Config.TickNs);
        }
        catch (HostInputException e)
        {
            return HostCli.Usage(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HostCli.Usage($"{framesFile.FullName}: cannot read: {e.Message}");
        }

        if (recorded.Errors.Count > 0)
        {
            return HostCli.Usage($"{recorded.Errors[0]}{(recorded.Errors.Count > 1 ? $" (and {recorded.Errors.Count - 1} more bad lines)" : "")}");
        }

        if (until_s is { } u && !(u >= 0 && double.IsFinite(u)))
        {
            return HostCli.Usage(string.Create(CultureInfo.InvariantCulture, $"--until {u}: seconds ≥ 0"));
        }

        var config = inputs.Config;
        var own = new HashSet<uint> { inputs.Protocol.Setpoint.Id, inputs.Protocol.ControllerHeartbeat.Id };
        var taken = recorded.Records.Where(r => !own.Contains(r.Frame.Id)).ToArray();
        for (var i = 1; i < taken.Length; i++)
        {
            if (taken[i].UnixTimeNs < taken[i - 1].UnixTimeNs)
            {
                return HostCli.Usage($"{framesFile.FullName}: frame {i + 1} goes back in time: a run's log is in tick order");
            }
        }

        var endNs = until_s is { } end ? (long)Math.Round(end * 1e9) : recorded.Records.Count > 0 ? recorded.Records.Max(r => r.UnixTimeNs) : 0;
        TextWriter output;
        try
        {
            output = decisionsFile is null ? Console.Out : new StreamWriter(decisionsFile.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"chargetwin-controller: cannot write {decisionsFile!.FullName}: {e.Message}");
            return HostCli.Failed;
        }

        var (controllerEnd, benchEnd) = InMemoryCanTransport.CreatePair(8192);
        var log = new DecisionLog(output);
        using (var stack = new ControllerStack(config, inputs.Cell, inputs.Protocol, inputs.Table, controllerEnd, log))
        {
            var next = 0;
            for (var t = 0L; t <= endNs; t += config.TickNs)
            {
                if (timing.Skipped(t))
                {
                    continue;
                }

                for (; next < taken.Length && taken[next].UnixTimeNs <= t; next++)
                {
                    benchEnd.TrySend(taken[next].Frame);
                }

                var (overruns, skipped) = timing.At(t);
                stack.Tick(t, overruns, skipped);
                log.Drain();
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed {endNs / 1e9:0.00} s: {next} frames, {stack.Decisions} decisions, session {stack.Session.State}"));
        }

        if (decisionsFile is null)
        {
            log.Drain();
            output.Flush();
        }
        else
        {
            log.Dispose();
        }

        benchEnd.Dispose();
        return HostCli.Ok;
    }
}
