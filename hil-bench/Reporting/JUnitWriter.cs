using System.Globalization;
using System.Xml;
using ChargeTwin.HilBench.Metrics;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>
/// junit.xml: one test suite per scenario, one test case per check (completion / target reached, and each
/// limit that applies): failure for Fail, error for Error or Aborted, skipped when the metric has no value.
/// </summary>
public static class JUnitWriter
{
    public static void Write(string path, string campaignName, IReadOnlyList<ScenarioVerdict> verdicts)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var w = XmlWriter.Create(path, settings);
        var ordered = verdicts.OrderBy(v => v.Scenario.Index).ToList();
        var cases = ordered.Sum(v => v.Measurements.Count);
        var failures = ordered.Sum(v => v.Verdict is Verdict.Error or Verdict.Aborted ? 0 : v.Measurements.Count(m => m.Outcome == MeasurementOutcome.Fail));
        var errors = ordered.Count(v => v.Verdict is Verdict.Error or Verdict.Aborted);
        w.WriteStartDocument();
        w.WriteStartElement("testsuites");
        w.WriteAttributeString("name", campaignName);
        w.WriteAttributeString("tests", Int(cases));
        w.WriteAttributeString("failures", Int(failures));
        w.WriteAttributeString("errors", Int(errors));
        w.WriteAttributeString("time", Seconds(ordered.Sum(v => v.Result.Elapsed_s)));
        foreach (var v in ordered)
        {
            var s = v.Scenario;
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", $"{s.Index:D4} {s.Describe()}");
            w.WriteAttributeString("id", s.Id);
            w.WriteAttributeString("tests", Int(v.Measurements.Count));
            w.WriteAttributeString("failures", Int(v.Verdict is Verdict.Error or Verdict.Aborted ? 0 : v.Measurements.Count(m => m.Outcome == MeasurementOutcome.Fail)));
            w.WriteAttributeString("errors", Int(v.Verdict is Verdict.Error or Verdict.Aborted ? 1 : 0));
            w.WriteAttributeString("skipped", Int(v.Measurements.Count(m => m.Outcome == MeasurementOutcome.NotMeasured)));
            w.WriteAttributeString("time", Seconds(v.Result.Elapsed_s));
            w.WriteStartElement("properties");
            Property(w, "verdict", Verdicts.Text(v.Verdict));
            Property(w, "controller", s.Controller.Name);
            Property(w, "seed", s.Seed.ToString(CultureInfo.InvariantCulture));
            w.WriteEndElement();
            foreach (var m in v.Measurements)
            {
                w.WriteStartElement("testcase");
                w.WriteAttributeString("classname", $"{s.Controller.Name}.{s.Id}");
                w.WriteAttributeString("name", m.Name);
                switch (m.Outcome)
                {
                    case MeasurementOutcome.Fail when v.Verdict is Verdict.Error or Verdict.Aborted && m.Limit is null:
                        w.WriteStartElement("error");
                        w.WriteAttributeString("message", $"{Verdicts.Text(v.Verdict)}: {m.Text}");
                        w.WriteEndElement();
                        break;
                    case MeasurementOutcome.Fail:
                        w.WriteStartElement("failure");
                        w.WriteAttributeString("message", m.Text);
                        w.WriteEndElement();
                        break;
                    case MeasurementOutcome.NotMeasured:
                        w.WriteStartElement("skipped");
                        w.WriteAttributeString("message", m.Text);
                        w.WriteEndElement();
                        break;
                    default:
                        w.WriteElementString("system-out", m.Outcome == MeasurementOutcome.Marginal ? $"MARGINAL: {m.Text}" : m.Text);
                        break;
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", value);
        w.WriteEndElement();
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
}
