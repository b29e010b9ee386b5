using ChargeTwin.Controller.Quantities;
using ChargeTwin.HilBench.Faults;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Reads a campaign's sensor suites: per channel noise, bias, quantisation and lag, the injected faults (<see cref="FaultReader"/>), and the SOC at plug-in.</summary>
internal sealed class SensorSuiteReader(YamlReader<CampaignException> y)
{
    private static readonly string[] ChannelKeys = ["noise", "bias", "quantisation", "lag"];

    public List<SensorSuite> Read(YamlNode node)
    {
        var list = new List<SensorSuite>();
        foreach (var (name, _, value, _) in y.Entries(y.Mapping(node, "sensors"), "sensors", []))
        {
            var suite = SensorSuite.Ideal with { Name = name };
            var faults = new List<FaultSpec>();
            foreach (var (key, _, v, _) in y.Entries(y.Mapping(value, $"sensors.{name}"), $"sensors.{name}", ["voltage", "current", "temperature", "pressure", "faults", "initial_soc_sigma"]))
            {
                var field = $"sensors.{name}.{key}";
                switch (key)
                {
                    case "voltage":
                        suite = suite with { Voltage = ReadChannel(v, field, QuantityKind.Voltage) };
                        break;
                    case "current":
                        suite = suite with { Current = ReadChannel(v, field, QuantityKind.Current) };
                        break;
                    case "temperature":
                        suite = suite with { Temperature = ReadChannel(v, field, QuantityKind.TemperatureDifference) };
                        break;
                    case "pressure":
                        suite = suite with { Pressure = ReadChannel(v, field, QuantityKind.Pressure) };
                        break;
                    case "initial_soc_sigma":
                        suite = suite with { InitialSocSigma = y.Value(v, field, QuantityKind.Fraction, 0, 0.5) };
                        break;
                    default:
                        faults.AddRange(new FaultReader(y).ReadList(v, field));
                        break;
                }
            }

            list.Add(suite with { Faults = faults });
        }

        if (list.Count == 0)
        {
            throw y.Error(node, "sensors", "no sensor suites");
        }

        return list;
    }

    private SensorChannelSpec ReadChannel(YamlNode node, string field, QuantityKind kind)
    {
        var spec = SensorChannelSpec.Ideal;
        foreach (var (key, _, v, _) in y.Entries(y.Mapping(node, field), field, ChannelKeys))
        {
            var f = $"{field}.{key}";
            spec = key switch
            {
                "noise" => spec with { Noise = y.SensorValue(v, f, kind, 0) },
                "bias" => spec with { Bias = y.SensorValue(v, f, kind, null) },
                "quantisation" => spec with { Quantisation = y.SensorValue(v, f, kind, 0) },
                _ => spec with { Lag_s = y.Value(v, f, QuantityKind.Time, 0, 3600) },
            };
        }

        return spec;
    }
}
