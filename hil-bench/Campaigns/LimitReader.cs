using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.HilBench.Metrics;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Reads a campaign's pass/fail limits: per metric, min and max with their marginal band, optionally for some controllers only.</summary>
internal sealed class LimitReader(YamlReader<CampaignException> y, IReadOnlyList<ControllerSpec> controllers)
{
    public List<LimitSpec> Read(YamlNode node)
    {
        var list = new List<LimitSpec>();
        var keys = MetricInfo.All.Select(i => i.Key).ToArray();
        foreach (var (key, _, value, _) in y.Entries(y.Mapping(node, "limits"), "limits", keys))
        {
            var info = MetricInfo.Find(key)!;
            var items = value is YamlSequenceNode seq ? seq.Children : (IList<YamlNode>)[value];
            foreach (var item in items)
            {
                list.Add(ReadLimit(item, $"limits.{key}", info));
            }
        }

        return list;
    }

    private LimitSpec ReadLimit(YamlNode node, string field, MetricInfo info)
    {
        double? min = null, max = null, mmin = null, mmax = null;
        var only = new List<string>();
        var lines = new Dictionary<string, YamlNode>();
        foreach (var (key, _, v, _) in y.Entries(y.Mapping(node, field), field, ["min", "max", "marginal_min", "marginal_max", "controllers"]))
        {
            var f = $"{field}.{key}";
            lines[key] = v;
            if (key == "controllers")
            {
                foreach (var cn in y.Axis(v, f))
                {
                    var n = y.Text(cn, f);
                    if (!controllers.Any(x => x.Name == n))
                    {
                        throw y.Error(cn, f, $"no controller named '{n}'{NameSuggestions.DidYouMean(n, controllers.Select(x => x.Name))}");
                    }

                    only.Add(n);
                }

                continue;
            }

            var q = y.Quantity(v, f, info.Kind);
            if (q.IsCRate)
            {
                throw y.Error(v, f, "a limit takes an absolute value, not a C-rate");
            }

            switch (key)
            {
                case "min": min = q.Value; break;
                case "max": max = q.Value; break;
                case "marginal_min": mmin = q.Value; break;
                default: mmax = q.Value; break;
            }
        }

        YamlNode At(string k) => lines.TryGetValue(k, out var n) ? n : node;
        if (min is null && max is null)
        {
            throw y.Error(node, field, "a limit needs min or max");
        }

        if (min is { } a && max is { } b && a > b)
        {
            throw y.Error(At("max"), $"{field}.max", "impossible limits: max is below min");
        }

        if (mmin is { } c && ((min is { } d && c < d) || (max is { } e && c > e)))
        {
            throw y.Error(At("marginal_min"), $"{field}.marginal_min", "impossible limits: the marginal band must lie inside [min, max]");
        }

        if (mmax is { } g && ((max is { } h && g > h) || (min is { } i && g < i)))
        {
            throw y.Error(At("marginal_max"), $"{field}.marginal_max", "impossible limits: the marginal band must lie inside [min, max]");
        }

        if (mmin is { } j && mmax is { } k && j > k)
        {
            throw y.Error(At("marginal_max"), $"{field}.marginal_max", "impossible limits: marginal_max is below marginal_min");
        }

        if (info.Kind == QuantityKind.Fraction && ((min is { } l && (l < 0 || l > 1)) || (max is { } mm && (mm < 0 || mm > 1))))
        {
            throw y.Error(node, field, "impossible limits: a fraction lies between 0 and 100 %");
        }

        return new LimitSpec(info.Metric, min, max, mmin, mmax, only);
    }
}
