using System.Diagnostics;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>Small campaign files for tests, and a way to run the real bench executable.</summary>
internal static class CampaignFiles
{
    /// <summary>A short, cheap campaign: 10 → 25 % SOC, two ambients, three baseline controllers and an oracle.</summary>
    public const string Small = """
        name: small
        seed: 11
        period: 2 s
        time_limit: 1 h
        plant: {volumes: 6, shells: 6}
        ageing:
          fresh: {}
          aged: {lli: 5 %, resistance_growth: 3 mOhm}
        ambient: [5 °C, 25 °C]
        start_soc: 10 %
        target_soc: 25 %
        sensors:
          bench:
            voltage: {noise: 1 mV, bias: 2 mV, quantisation: 1 mV}
            current: {noise: 5 mA, bias: 5 mA, quantisation: 1 mA}
            temperature: {noise: 0.1 K, quantisation: 0.1 K, lag: 10 s}
            pressure: {noise: 50 Pa, quantisation: 10 Pa}
            initial_soc_sigma: 2 %
        charger: {max_current: 3C, max_voltage: 4.2 V, slew: 5 A/s}
        controllers:
          cccv: {type: cccv, steps: ["Charge at 1.5C until 4.2 V", "Hold at 4.2 V until C/20"]}
          stages: {type: multistage-cc, stages: [{until_soc: 15 %, rate: 2C}, {until_soc: 25 %, rate: 1C}]}
          pressure: {type: pressure-cc, rates: [2C, 1C], threshold: 30 kPa/Ah, window: 60 s, min_dwell: 60 s}
          oracle: {type: oracle, decision_interval: 30 s, horizon: 30 s, resolution: C/20, max_evaluations: 5}
        limits:
          min_plating_overpotential: {min: 0 mV, marginal_min: 5 mV}
          time_to_target: {max: 30 min}
        report: {plots: all, traces: true}
        """;

    public static string Temp(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "chargetwin-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Write(string dir, string fileName, string text)
    {
        var path = Path.Combine(dir, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs chargetwin-bench (built beside the tests) and returns exit code, stdout and stderr.</summary>
    public static (int Exit, string Out, string Err) Bench(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "chargetwin-bench.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
