using ChargeTwin.Controller.Quantities;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.Controller.Safety;

/// <summary>Reads the table's <c>settings:</c> (each key optional; the defaults are <see cref="DiagnosisSettings"/>'s).</summary>
internal static class DiagnosisSettingsReader
{
    private static readonly string[] s_keys =
    [
        "lead_resistance", "power_stage_ramp_down", "cross_check_window", "drift_window", "rate_window", "nis_window",
        "stuck_voltage_band", "stuck_current_band", "stuck_charging_current", "counter_drain_time",
        "sos_temperature", "sos_temperature_rate", "sos_pressure_rate", "sos_voltage",
    ];

    private static readonly DiagnosisSignalInfo s_temperatureRate = DiagnosisSignalInfo.Of(DiagnosisSignal.TemperatureRate);
    private static readonly DiagnosisSignalInfo s_pressureRate = DiagnosisSignalInfo.Of(DiagnosisSignal.PressureRate);

    public static DiagnosisSettings Read(YamlReader<DiagnosisTableException> y, YamlMappingNode map)
    {
        var s = new DiagnosisSettings();
        foreach (var (key, _, v, at) in y.Entries(map, "settings", s_keys))
        {
            var f = at.Field;
            s = key switch
            {
                "lead_resistance" => s with { LeadResistance_Ohm = AtLeast(y, v, f, QuantityKind.Resistance, 0) },
                "power_stage_ramp_down" => s with { PowerStageRampDown_A_per_s = Positive(y, v, f, QuantityKind.SlewRate) },
                "cross_check_window" => s with { CrossCheckWindow_s = Positive(y, v, f, QuantityKind.Time) },
                "drift_window" => s with { DriftWindow_s = Positive(y, v, f, QuantityKind.Time) },
                "rate_window" => s with { RateWindow_s = Positive(y, v, f, QuantityKind.Time) },
                "nis_window" => s with { NisWindow = y.Integer(v, f, 1, 10_000) },
                "stuck_voltage_band" => s with { StuckVoltageBand_V = Positive(y, v, f, QuantityKind.Voltage) },
                "stuck_current_band" => s with { StuckCurrentBand_A = Positive(y, v, f, QuantityKind.Current) },
                "stuck_charging_current" => s with { StuckChargingCurrent_A = Positive(y, v, f, QuantityKind.Current) },
                "counter_drain_time" => s with { CounterDrainTime_s = Positive(y, v, f, QuantityKind.Time) },
                "sos_temperature" => s with { SosTemperature_K = Ramp(y, v, f, (n, g) => DiagnosisQuantities.Read(y, n, g, QuantityKind.Temperature)) },
                "sos_temperature_rate" => s with { SosTemperatureRate_K_per_s = Ramp(y, v, f, (n, g) => DiagnosisQuantities.Read(y, n, g, s_temperatureRate)) },
                "sos_pressure_rate" => s with { SosPressureRate_Pa_per_s = Ramp(y, v, f, (n, g) => DiagnosisQuantities.Read(y, n, g, s_pressureRate)) },
                _ => s with { SosVoltage_V = Ramp(y, v, f, (n, g) => DiagnosisQuantities.Read(y, n, g, QuantityKind.Voltage)) },
            };
        }

        return s;
    }

    private static double AtLeast(YamlReader<DiagnosisTableException> y, YamlNode v, string f, QuantityKind kind, double min)
    {
        var value = DiagnosisQuantities.Read(y, v, f, kind);
        return value >= min ? value : throw y.Error(v, f, $"'{y.Text(v, f)}' cannot be negative");
    }

    private static double Positive(YamlReader<DiagnosisTableException> y, YamlNode v, string f, QuantityKind kind)
    {
        var value = DiagnosisQuantities.Read(y, v, f, kind);
        return value > 0 ? value : throw y.Error(v, f, $"'{y.Text(v, f)}' must be positive");
    }

    /// <summary>[from, to] with from &lt; to: the state-of-safety score's 0 and 1.</summary>
    private static ScoreRamp Ramp(YamlReader<DiagnosisTableException> y, YamlNode v, string f, Func<YamlNode, string, double> read)
    {
        var list = y.Sequence(v, f);
        if (list.Children.Count != 2)
        {
            throw y.Error(v, f, "expected [from, to]: where the score leaves 0 and where it reaches 1");
        }

        var ramp = new ScoreRamp(read(list.Children[0], f), read(list.Children[1], f));
        return ramp.To > ramp.From ? ramp : throw y.Error(v, f, "impossible: the score must reach 1 above where it leaves 0");
    }
}
