using System.Globalization;
using System.Text;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Tests.Cli;
using BenchCli = ChargeTwin.Bench.Cli;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary><c>chargetwin-bench calibrate</c> as a user meets it: bad input is one line and exit code 2; a fit that does not converge still writes its best point.</summary>
public sealed class CalibrateCommandTests
{
    private static (int ExitCode, string Out, string Error) Bench(params string[] args)
    {
        var r = BenchProcess.Run(Environment.CurrentDirectory, args);
        return (r.ExitCode, r.StdOut, r.StdErr);
    }

    /// <summary>A small rate test in the LG M50 files' format: rest, 2C for 15 min, rest 10 min.</summary>
    private static string SmallTest(string directory)
    {
        var w = new StringBuilder("time_s,current_A,voltage_V,power_W,cellTemp_pos_degC,cellTemp_mid_degC,cellTemp_neg_degC\n");
        w.AppendLine("0.0,0.0,4.18,0.0,,25.0,");
        for (var t = 0; t <= 900; t += 20)
        {
            w.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{t + 0.01},-10.0,{3.9 - 0.0004 * t},0,,{25 + 0.01 * t},"));
        }

        for (var t = 920; t <= 1500; t += 20)
        {
            w.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{t},0.0,{3.7 + 0.00005 * (t - 900)},0,,{34 - 0.01 * (t - 900)},"));
        }

        return CalibrationFiles.Write("small.csv", w.ToString(), directory);
    }

    private static readonly string[] Fast = ["--fit-volumes", "4", "--fit-shells", "4", "--volumes", "4", "--shells", "4", "--starts", "1", "--workers", "1"];

    [Fact]
    public void UnknownColumn_IsOneLineAndExitCode2()
    {
        var dir = CalibrationFiles.TempDirectory();
        var bad = CalibrationFiles.Write("bad.csv", "time_s,current_A,voltage_V,cellTemp_core_degC\n0,0,4.1,25\n", dir);

        var (code, _, error) = Bench(["calibrate", "--data", bad, "--out", Path.Combine(dir, "x.yaml"), .. Fast]);

        Assert.Equal(BenchCli.BadInput, code);
        Assert.StartsWith("chargetwin-bench: bad.csv:1: column 'cellTemp_core_degC': unknown column", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void TimeGoingBackwards_IsOneLineAndExitCode2()
    {
        var dir = CalibrationFiles.TempDirectory();
        var bad = CalibrationFiles.Write("back.csv", "time_s,current_A,voltage_V\n0,0,4.1\n10,-5,4.0\n5,-5,3.9\n", dir);

        var (code, _, error) = Bench(["calibrate", "--data", bad, "--out", Path.Combine(dir, "x.yaml"), .. Fast]);

        Assert.Equal(BenchCli.BadInput, code);
        Assert.Equal("chargetwin-bench: back.csv:4: time_s: time goes backwards (5 s after 10 s)", error.TrimEnd());
    }

    [Fact]
    public void UnknownParameterName_IsOneLineAndExitCode2()
    {
        var dir = CalibrationFiles.TempDirectory();
        var (code, _, error) = Bench(["calibrate", "--data", SmallTest(dir), "--fit", "Negative electrode porosty", "--out", Path.Combine(dir, "x.yaml"), .. Fast]);

        Assert.Equal(BenchCli.BadInput, code);
        Assert.StartsWith("chargetwin-bench: --fit 'Negative electrode porosty': the cell has no such scalar (did you mean 'Negative electrode porosity'", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void BoundsExcludingTheStartValue_AreOneLineAndExitCode2()
    {
        var dir = CalibrationFiles.TempDirectory();
        var (code, _, error) = Bench(["calibrate", "--data", SmallTest(dir), "--fit", "Contact resistance [Ohm]=0.01..0.05", "--out", Path.Combine(dir, "x.yaml"), .. Fast]);

        Assert.Equal(BenchCli.BadInput, code);
        Assert.Equal("chargetwin-bench: --fit 'Contact resistance [Ohm]': bounds 0.01..0.05 exclude the start value 0 of cell 'OKane2022'", error.TrimEnd());
    }

    [Theory]
    [InlineData("--start-spread", "-0.1", "expected a finite number ≥ 0")]
    [InlineData("--probe-rounds", "-1", "expected 0 or more")]
    [InlineData("--polish-steps", "-2", "expected 0 or more")]
    public void ANegativeOptimiserSetting_IsOneLineAndExitCode2(string option, string value, string expected)
    {
        var dir = CalibrationFiles.TempDirectory();
        var (code, _, error) = Bench(["calibrate", "--data", SmallTest(dir), option, value, "--out", Path.Combine(dir, "x.yaml"), .. Fast]);

        Assert.Equal(BenchCli.BadInput, code);
        Assert.Equal($"chargetwin-bench: {option} {value}: {expected}", error.TrimEnd());
    }

    [Theory]
    [InlineData("--pulse-soc 50", "x.yaml", "--pulse-temperature, --pulse-soc and --pulse-cells select pulses of --pulses, which is not given")]
    [InlineData("--leave-out-temperature", "x.yaml", "--out {dir}/x.yaml: --leave-out-temperature writes its summary table, expected a .md file")]
    [InlineData("--leave-out-temperature", "x.md", "--leave-out-temperature needs --pulses")]
    [InlineData("--pulses {pulses} --pulse-cells 0", "x.yaml", "--pulse-cells 0: expected 1 or more")]
    [InlineData("--pulses {pulses} --pulse-temperature 10", "x.yaml", "--pulse-temperature 10: the pulse file has no pulses at 10 °C (it has 0, 25)")]
    [InlineData("--pulses {small}", "x.yaml", "--pulses {dir}/small.csv: not a pulse file (its header must start with temperature,soc,cell)")]
    [InlineData("--priors {dir}/none.yaml", "x.yaml", "--priors {dir}/none.yaml: file not found")]
    [InlineData("--priors {priors}", "x.yaml", "priors.yaml:2: prior on 'Positive electrode OCP entropic change [V.K-1]', which is not fitted (add it with --also-fit, or remove the prior)")]
    public void BadPulseOrPriorOptions_AreOneLineAndExitCode2(string options, string output, string expected)
    {
        var dir = CalibrationFiles.TempDirectory();
        var small = SmallTest(dir);
        var pulses = CalibrationFiles.Write("pulses.csv", PulseFiles.ThreePulses(), dir);
        var priors = CalibrationFiles.Write("priors.yaml", "priors:\n  - name: \"Positive electrode OCP entropic change [V.K-1]\"\n    value: 0\n    sigma: 1e-4\n    source: none\n", dir);
        string Fill(string x) => x.Replace("{dir}", dir, StringComparison.Ordinal).Replace("{pulses}", pulses, StringComparison.Ordinal).Replace("{small}", small, StringComparison.Ordinal).Replace("{priors}", priors, StringComparison.Ordinal);

        var (code, _, error) = Bench(["calibrate", "--data", small, .. Fill(options).Split(' '), "--out", Path.Combine(dir, output), .. Fast]);

        Assert.Equal(BenchCli.BadInput, code);
        Assert.Equal($"chargetwin-bench: {Fill(expected)}", error.TrimEnd());
    }

    [Fact]
    public void AnOutPathThatCannotBeWritten_IsRefusedBeforeTheFit_InOneLine()
    {
        var dir = CalibrationFiles.TempDirectory();
        var (code, output, error) = Bench(["calibrate", "--data", SmallTest(dir), "--out", "/proc/x/y.yaml", .. Fast]);

        Assert.Equal(BenchCli.BadInput, code);
        Assert.Equal("chargetwin-bench: --out /proc/x/y.yaml: cannot create the folder /proc/x: the file system does not allow it there", error.TrimEnd());
        Assert.DoesNotContain("cost", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ABpxCellWithInlineTables_IsRefusedBeforeTheFit_InOneLine()
    {
        var dir = CalibrationFiles.TempDirectory();
        var bpx = Path.Combine(CalibrationFiles.RepositoryRoot, "controller", "Cells", "parameter-sets", "bpx", "lfp_18650");
        var (code, _, error) = Bench(["calibrate", "--cell", Path.Combine(bpx, "lfp_18650_cell_BPX.json"), "--data", Path.Combine(bpx, "LFP_25degC_1C.csv"),
            "--fit", "Contact resistance [Ohm]", "--out", Path.Combine(dir, "x.yaml"), .. Fast]);

        Assert.Equal(BenchCli.BadInput, code);
        Assert.Contains("the cell cannot be written back as a cell file, so it cannot be calibrated", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "x.yaml")));
    }

    [Fact]
    public void AFitThatDoesNotConverge_SaysSo_AndStillWritesItsBestPoint()
    {
        var dir = CalibrationFiles.TempDirectory();
        var cell = Path.Combine(dir, "small-cell.yaml");
        var (code, output, error) = Bench(["calibrate", "--data", SmallTest(dir), "--fit", "Contact resistance [Ohm]", "Total heat transfer coefficient [W.m-2.K-1]",
            "--max-iterations", "1", "--polish-steps", "0", "--out", cell, .. Fast]);

        Assert.Equal(BenchCli.Failed, code);
        Assert.Contains("did not converge", error, StringComparison.Ordinal);
        Assert.Contains("marked 'converged: false'", error, StringComparison.Ordinal);
        var set = CellLibrary.Load(cell);
        Assert.False(set.Uncertainty!.Converged);
        Assert.Equal(2, set.Uncertainty.Parameters.Count);
        Assert.Contains("NOT CONVERGED", set.Provenance, StringComparison.Ordinal);
        Assert.Contains("Command: chargetwin-bench calibrate", set.Provenance, StringComparison.Ordinal);
        Assert.Equal(set.Uncertainty.Parameters[0].Value, set.Scalar("Contact resistance [Ohm]"));
        Assert.True(File.Exists(Path.Combine(dir, "small-cell.report.html")));
        Assert.True(File.Exists(Path.Combine(dir, "small-cell.report", "correlation.png")));
        Assert.True(File.Exists(Path.Combine(dir, "small-cell.report", "test01.png")));
        Assert.Contains("NOT CONVERGED", output, StringComparison.Ordinal);
    }
}
