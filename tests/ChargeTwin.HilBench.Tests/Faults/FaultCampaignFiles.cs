namespace ChargeTwin.HilBench.Tests.Faults;

/// <summary>Small campaigns with injected faults for the tests: a short charge on the coarse test mesh.</summary>
internal static class FaultCampaignFiles
{
    /// <summary>One baseline CC-CV at 25 °C, 30 → 90 %, with <c>{FAULTS}</c> as the faults axis and <c>{LINK}</c> as the link.</summary>
    public const string Template = """
        name: faulty
        seed: 7
        link: {LINK}
        period: 1 s
        time_limit: 20 min
        plant: {volumes: 6, shells: 6}
        ambient: 25 °C
        start_soc: 30 %
        target_soc: 90 %
        sensors:
          bench:
            voltage: {noise: 1 mV, quantisation: 1 mV}
            current: {noise: 5 mA, quantisation: 1 mA}
            temperature: {noise: 0.1 K, quantisation: 0.1 K}
            pressure: {noise: 50 Pa, quantisation: 10 Pa}
        faults:
          {FAULTS}
        charger: {max_current: 2C, max_voltage: 4.2 V, slew: {SLEW}}
        controllers:
          cccv: {type: cccv, steps: ["Charge at 1C until 4.2 V", "Hold at 4.2 V until C/20"]}
        report: {plots: none, traces: false}
        """;

    public static string With(string faults, string link = "can", string slew = "5 A/s", string extra = "") =>
        Template.Replace("{FAULTS}", faults, StringComparison.Ordinal).Replace("{LINK}", link, StringComparison.Ordinal).Replace("{SLEW}", slew, StringComparison.Ordinal) + "\n" + extra;
}
