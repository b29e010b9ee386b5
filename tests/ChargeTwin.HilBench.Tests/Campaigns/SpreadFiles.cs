using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.HilBench.Tests.Campaigns;

/// <summary>A tiny spread campaign for tests: three draws of lgm50 from its covariance, a short charge on the direct link.</summary>
internal static class SpreadFiles
{
    public const string Tiny = """
        name: tiny-spread
        seed: 5
        link: direct
        period: 2 s
        time_limit: 30 min
        plant: {volumes: 6, shells: 6}
        cells: [lgm50]
        target_soc: 30 %
        spread:
          draws: 3
          cell_parameters: covariance
          ageing: {lli: {min: 0 %, max: 10 %}, resistance_growth: {min: 0 mOhm, max: 10 mOhm}}
          ambient: {min: 15 °C, max: 35 °C}
          start_soc: {min: 20 %, max: 25 %}
          sensor_bias: drawn
        sensors:
          bench:
            voltage: {noise: 1 mV, bias: 2 mV}
            current: {noise: 5 mA, bias: 5 mA}
            temperature: {noise: 0.1 K, bias: 0.3 K}
        charger: {max_current: 3C, max_voltage: 4.2 V, slew: 5 A/s}
        controllers:
          cccv: {type: cccv, steps: ["Charge at 1C until 4.2 V", "Hold at 4.2 V until C/20"]}
        report: {plots: none, traces: false}
        """;

    public static Campaign Parse(string yaml) => CampaignLoader.Parse(yaml, "spread.yaml", Path.GetTempPath());

    public static string With(string from, string to)
    {
        Assert.Contains(from, Tiny, StringComparison.Ordinal);
        return Tiny.Replace(from, to, StringComparison.Ordinal);
    }
}
