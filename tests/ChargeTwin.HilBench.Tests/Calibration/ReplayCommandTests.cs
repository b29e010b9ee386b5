using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Tests.Cli;
using BenchCli = ChargeTwin.Bench.Cli;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary><c>chargetwin-bench replay</c> as a user meets it, and the pulse tables it prints.</summary>
public sealed class ReplayCommandTests
{
    private static readonly string[] Fast = ["--volumes", "5", "--shells", "5", "--band-volumes", "4", "--band-shells", "4", "--workers", "1"];

    private static (int ExitCode, string Out, string Error) Bench(params string[] args)
    {
        var r = BenchProcess.Run(Environment.CurrentDirectory, args);
        return (r.ExitCode, r.StdOut, r.StdErr);
    }

    [Fact]
    public void Pulses_AreReplayed_WithTheBand_TablesByTemperature_AndOneFigurePerPulse()
    {
        var dir = CalibrationFiles.TempDirectory();
        var pulses = CalibrationFiles.Write("pulses.csv", PulseFiles.ThreePulses(), dir);
        var ocv = Path.Combine(CalibrationFiles.LgM50, "LGM50_5Ah_OCV_T25.csv");
        var output = Path.Combine(dir, "out");

        var (code, stdout, error) = Bench(["replay", "--cell", "lgm50", "--data", pulses, ocv, "--out", output, .. Fast]);

        Assert.True(code == BenchCli.Ok, error);
        var md = File.ReadAllText(Path.Combine(output, "replay.md"));
        Assert.Contains("held at their value (on a bound, σ not meaningful): k_n, E_kn, E_kp", md, StringComparison.Ordinal);
        Assert.Contains("| LGM50_5Ah_OCV_T25.csv |", md, StringComparison.Ordinal);
        Assert.Contains("| 0 °C | 1 | -2.50 |", md, StringComparison.Ordinal);
        Assert.Contains("| 25 °C | 2 | -7.50 |", md, StringComparison.Ordinal);
        Assert.Contains("| 50 % | – | ", md, StringComparison.Ordinal);
        Assert.Contains("## Pulses by chamber temperature", stdout, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(output, "*.png").Length);
        var rows = File.ReadAllLines(Path.Combine(output, "replay.csv"));
        var tests = PulseTestReader.Read(pulses);
        Assert.Equal(1 + tests.Sum(p => p.Test.Count), rows.Length);
        Assert.All(rows.Skip(1), r => Assert.True(double.Parse(r.Split(',')[9], System.Globalization.CultureInfo.InvariantCulture) >= 0, r)); // every point has its σ
    }

    [Theory]
    [InlineData("unknown cell")]
    [InlineData("malformed pulse file")]
    [InlineData("missing file")]
    [InlineData("bad mesh")]
    [InlineData("no pulses at that temperature")]
    [InlineData("no pulse file")]
    [InlineData("negative workers")]
    public void BadInput_IsOneLineAndExitCode2(string what)
    {
        var dir = CalibrationFiles.TempDirectory();
        var pulses = CalibrationFiles.Write("pulses.csv", PulseFiles.ThreePulses(), dir);
        var rate = CalibrationFiles.RateTest("T25", "1C");
        var output = Path.Combine(dir, "out");
        var lines = PulseFiles.ThreePulses().Split('\n');
        lines[4] = lines[4].Replace(",1,1,", ",1,1,3.4x", StringComparison.Ordinal);
        var malformed = CalibrationFiles.Write("bad.csv", string.Join('\n', lines), dir);
        (string[] Args, string Expected) c = what switch
        {
            "unknown cell" => (["--cell", "nosuch", "--data", pulses], "chargetwin-bench: unknown cell 'nosuch' (known: "),
            "malformed pulse file" => (["--data", malformed], "chargetwin-bench: bad.csv:5: Voltage: '3.4x3."),
            "missing file" => (["--data", Path.Combine(dir, "nope.csv")], "chargetwin-bench: nope.csv: file: not found"),
            "bad mesh" => (["--data", pulses, "--volumes", "1"], "chargetwin-bench: --volumes/--shells: volumes must be 2–400 and shells 3–400 (got 1 and 20)"),
            "no pulses at that temperature" => (["--data", pulses, "--pulse-temperature", "10"], "chargetwin-bench: --pulse-temperature 10: the pulse file has no pulses at that chamber temperature"),
            "no pulse file" => (["--data", rate, "--pulse-temperature", "10"], "chargetwin-bench: --pulse-temperature: no pulse file among --data"),
            _ => (["--data", pulses, "--workers", "-1"], "chargetwin-bench: --workers -1: expected 0 (all cores) or more"),
        };

        var (code, _, error) = Bench(["replay", .. c.Args, "--out", output]);

        Assert.Equal(BenchCli.BadInput, code);
        Assert.StartsWith(c.Expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
