using System.Globalization;
using System.Text.Json;
using ChargeTwin.HilBench.Link;
using ChargeTwin.HilBench.Metrics;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>A run's (or shard's) machine-readable results: enough, with the campaign text kept inside, to merge shards.</summary>
public sealed record CampaignResults(Campaign Campaign, string BaseDirectory, int Shard, int ShardCount, int Jobs, double Elapsed_s, IReadOnlyList<ScenarioResult> Results);

/// <summary>
/// Writes and reads results.json with Utf8JsonWriter / JsonDocument (no reflection, AOT-safe). Non-finite
/// numbers are written as the strings "inf" and "nan".
/// </summary>
public static class ResultsFile
{
    public const string FileName = "results.json";
    public const string Format = "chargetwin-campaign-results/2";

    public static void Write(string path, CampaignResults r)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteString("campaign", r.Campaign.Name);
        w.WriteString("seed", r.Campaign.Seed.ToString(CultureInfo.InvariantCulture));
        w.WriteString("source_path", r.Campaign.SourcePath);
        w.WriteString("link", r.Campaign.Link.ToString().ToLowerInvariant());
        w.WriteString("base_directory", r.BaseDirectory);
        w.WriteNumber("shard", r.Shard);
        w.WriteNumber("shard_count", r.ShardCount);
        w.WriteNumber("jobs", r.Jobs);
        w.WriteNumber("elapsed_s", r.Elapsed_s);
        w.WriteString("source_text", r.Campaign.SourceText);
        w.WriteStartArray("results");
        foreach (var s in r.Results.OrderBy(x => x.Scenario.Index))
        {
            w.WriteStartObject();
            w.WriteNumber("index", s.Scenario.Index);
            w.WriteString("id", s.Scenario.Id);
            w.WriteString("end", s.End.ToString());
            w.WriteString("detail", s.Detail);
            w.WriteNumber("elapsed_s", s.Elapsed_s);
            w.WriteNumber("solver_steps", s.SolverSteps);
            w.WriteNumber("oracle_evaluations", s.OracleEvaluations);
            w.WriteStartObject("wire");
            w.WriteNumber("frames_sent", s.Wire.FramesSent);
            w.WriteNumber("frames_accepted", s.Wire.FramesAccepted);
            w.WriteNumber("e2e_errors", s.Wire.E2EErrors);
            w.WriteNumber("timeouts", s.Wire.Timeouts);
            w.WriteNumber("lost_frames", s.Wire.LostFrames);
            w.WriteNumber("range_errors", s.Wire.RangeErrors);
            w.WriteEndObject();
            if (s.Scenario.AllFaults.Count > 0)
            {
                w.WriteString("detecting_row", s.DetectingRow);
            }

            if (s.Scenario.Draw is { } draw)
            {
                WriteDraw(w, s.Scenario, draw);
            }

            w.WriteStartObject("metrics");
            foreach (var info in MetricInfo.All)
            {
                var v = s.Metrics[(int)info.Metric];
                if (double.IsFinite(v))
                {
                    w.WriteNumber(info.Key, v);
                }
                else
                {
                    w.WriteString(info.Key, double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
                }
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A spread draw's truth, for readers of the file (a merge recomputes it from the campaign text and seed).</summary>
    private static void WriteDraw(Utf8JsonWriter w, Scenario scenario, SpreadDraw draw)
    {
        var a = scenario.Ageing.State;
        w.WriteStartObject("draw");
        w.WriteNumber("index", draw.Index);
        w.WriteNumber("redraws", draw.Redraws);
        if (draw.Rejection is { } why)
        {
            w.WriteString("rejection", why);
        }
        else
        {
            w.WriteNumber("capacity_ah", draw.Capacity_Ah);
        }

        w.WriteNumber("ambient_k", scenario.Ambient_K);
        w.WriteNumber("start_soc", scenario.StartSoc);
        w.WriteNumber("lli", a.LithiumInventoryLoss);
        w.WriteNumber("lam_negative", a.NegativeActiveMaterialLoss);
        w.WriteNumber("lam_positive", a.PositiveActiveMaterialLoss);
        w.WriteNumber("resistance_growth_ohm", a.ResistanceGrowth_Ohm);
        w.WriteNumber("voltage_bias_v", scenario.Sensors.Voltage.Bias);
        w.WriteNumber("current_bias_a", scenario.Sensors.Current.Bias);
        w.WriteNumber("temperature_bias_k", scenario.Sensors.Temperature.Bias);
        w.WriteNumber("pressure_bias_pa", scenario.Sensors.Pressure.Bias);
        w.WriteStartObject("cell_parameters");
        foreach (var p in draw.CellParameters)
        {
            w.WriteNumber(p.Name, p.Value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Reads a results file; problems are <see cref="CampaignException"/>s naming the file.</summary>
    public static CampaignResults Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CampaignException(path, 0, "", "file not found (is this a campaign output folder?)");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new CampaignException(path, 0, "format", $"expected {Format}");
            }

            var baseDirectory = root.GetProperty("base_directory").GetString()!;
            var link = root.GetProperty("link").GetString() switch
            {
                "can" => LinkKind.Can,
                "direct" => LinkKind.Direct,
                var other => throw new CampaignException(path, 0, "link", $"'{other}': expected can or direct"),
            };
            var campaign = CampaignLoader.Parse(root.GetProperty("source_text").GetString()!, root.GetProperty("source_path").GetString()!, baseDirectory, link);
            var scenarios = ScenarioMatrix.Expand(campaign);
            var results = new List<ScenarioResult>();
            foreach (var e in root.GetProperty("results").EnumerateArray())
            {
                var index = e.GetProperty("index").GetInt32();
                var id = e.GetProperty("id").GetString();
                if (index < 0 || index >= scenarios.Count || scenarios[index].Id != id)
                {
                    throw new CampaignException(path, 0, $"results[{index}]", $"scenario {id} does not belong to this campaign's matrix");
                }

                var metrics = new double[MetricInfo.All.Count];
                var m = e.GetProperty("metrics");
                foreach (var info in MetricInfo.All)
                {
                    metrics[(int)info.Metric] = m.TryGetProperty(info.Key, out var v)
                        ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : v.GetString() switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.NaN }
                        : double.NaN;
                }

                var wire = e.GetProperty("wire");
                results.Add(new ScenarioResult(
                    scenarios[index],
                    Enum.Parse<ScenarioEnd>(e.GetProperty("end").GetString()!),
                    e.GetProperty("detail").GetString()!,
                    metrics,
                    e.GetProperty("elapsed_s").GetDouble(),
                    e.GetProperty("solver_steps").GetInt64(),
                    e.GetProperty("oracle_evaluations").GetInt32())
                {
                    Wire = new LinkStatistics(
                        wire.GetProperty("frames_sent").GetInt64(),
                        wire.GetProperty("frames_accepted").GetInt64(),
                        wire.GetProperty("e2e_errors").GetInt64(),
                        wire.GetProperty("timeouts").GetInt64(),
                        wire.GetProperty("lost_frames").GetInt64(),
                        wire.GetProperty("range_errors").GetInt64()),
                    DetectingRow = e.TryGetProperty("detecting_row", out var row) ? row.GetString() ?? "" : "",
                });
            }

            return new CampaignResults(campaign, baseDirectory, root.GetProperty("shard").GetInt32(), root.GetProperty("shard_count").GetInt32(),
                root.GetProperty("jobs").GetInt32(), root.GetProperty("elapsed_s").GetDouble(), results);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new CampaignException(path, 0, "", $"not a readable results file: {e.Message.Split('\n')[0]}");
        }
    }
}
