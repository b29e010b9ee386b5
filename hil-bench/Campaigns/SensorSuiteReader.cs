using ChargeTwin.Controller.Quantities;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Reads a campaign's sensor suites: per channel noise, bias, quantisation and lag, the injected faults, and the SOC at plug-in.</summary>
internal sealed class SensorSuiteReader(YamlReader<CampaignException> y)
{
    private static readonly string[] ChannelKeys = ["noise", "bias", "quantisation", "lag"];

    public List<SensorSuite> Read(YamlNode node)
    {
        var list = new List<SensorSuite>();
        foreach (var (name, _, value, _) in y.Entries(y.Mapping(node, "sensors"), "sensors", []))
        {
            var suite = SensorSuite.Ideal with { Name = name };
            var faults = new List<SensorFaultSpec>();
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
                        foreach (var f in y.Sequence(v, field).Children)
                        {
                            faults.Add(ReadFault(f, field));
                        }

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
                "noise" => spec with { Noise = NotCRate(v, f, kind, 0) },
                "bias" => spec with { Bias = NotCRate(v, f, kind, null) },
                "quantisation" => spec with { Quantisation = NotCRate(v, f, kind, 0) },
                _ => spec with { Lag_s = y.Value(v, f, QuantityKind.Time, 0, 3600) },
            };
        }

        return spec;
    }

    private double NotCRate(YamlNode v, string field, QuantityKind kind, double? min)
    {
        var q = y.Quantity(v, field, kind);
        if (q.IsCRate)
        {
            throw y.Error(v, field, $"'{y.Text(v, field)}': a sensor's errors are absolute (A or mA), not C-rates");
        }

        if (min is { } lo && q.Value < lo)
        {
            throw y.Error(v, field, $"'{y.Text(v, field)}' must not be negative");
        }

        return q.Value;
    }

    private SensorFaultSpec ReadFault(YamlNode node, string field)
    {
        var m = y.Mapping(node, field);
        SensorFaultKind? kind = null;
        SensorChannelId channel = SensorChannelId.Voltage;
        YamlNode? valueNode = null;
        var at = 0.0;
        var duration = double.PositiveInfinity;
        var hasChannel = false;
        foreach (var (key, _, v, _) in y.Entries(m, field, ["kind", "channel", "at", "duration", "value"]))
        {
            var f = $"{field}.{key}";
            switch (key)
            {
                case "kind":
                    kind = y.OneOf(v, f, ("stuck", SensorFaultKind.Stuck), ("offset", SensorFaultKind.Offset), ("heartbeat_loss", SensorFaultKind.HeartbeatLoss));
                    break;
                case "channel":
                    hasChannel = true;
                    channel = y.OneOf(
                        v,
                        f,
                        ("voltage", SensorChannelId.Voltage),
                        ("current", SensorChannelId.Current),
                        ("temperature", SensorChannelId.Temperature),
                        ("pressure", SensorChannelId.Pressure));
                    break;
                case "at":
                    at = y.Value(v, f, QuantityKind.Time, 0, 48 * 3600);
                    break;
                case "duration":
                    duration = y.Value(v, f, QuantityKind.Time, 0, 48 * 3600, minExclusive: true);
                    break;
                default:
                    valueNode = v;
                    break;
            }
        }

        if (kind is null)
        {
            throw y.Error(node, $"{field}.kind", "required key is missing (stuck, offset or heartbeat_loss)");
        }

        if (kind != SensorFaultKind.HeartbeatLoss && !hasChannel)
        {
            throw y.Error(node, $"{field}.channel", "required key is missing for a sensor fault");
        }

        var value = 0.0;
        if (kind == SensorFaultKind.Offset)
        {
            if (valueNode is null)
            {
                throw y.Error(node, $"{field}.value", "an offset fault needs a value");
            }

            var k = channel switch
            {
                SensorChannelId.Voltage => QuantityKind.Voltage,
                SensorChannelId.Current => QuantityKind.Current,
                SensorChannelId.Temperature => QuantityKind.TemperatureDifference,
                _ => QuantityKind.Pressure,
            };
            value = NotCRate(valueNode, $"{field}.value", k, null);
        }

        return new SensorFaultSpec(kind.Value, channel, at, duration, value);
    }
}
