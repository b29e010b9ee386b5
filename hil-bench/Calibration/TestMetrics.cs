using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>How far a replay is from its measured test, per segment.</summary>
/// <param name="Test">The test's name.</param>
/// <param name="DischargeRms_mV">RMS voltage error over the discharge's comparison points (evenly spaced in time, i.e. in capacity at constant current).</param>
/// <param name="RestRms_mV">RMS voltage error over the rest after the discharge.</param>
/// <param name="ChargeRms_mV">RMS voltage error over the charge and the rest after it (NaN when not replayed).</param>
/// <param name="AllRms_mV">RMS voltage error over every comparison point.</param>
/// <param name="DischargeMaxTemperatureError_K">Largest |T_model − T_measured| during the discharge (NaN without temperature).</param>
/// <param name="TemperatureRms_K">RMS temperature error over every point with a measured temperature.</param>
/// <param name="PeakTemperatureError_K">Model minus measured peak temperature of the test.</param>
/// <param name="Problem">What went wrong in the replay, if anything.</param>
public sealed record TestMetrics(
    string Test,
    double DischargeRms_mV,
    double RestRms_mV,
    double ChargeRms_mV,
    double AllRms_mV,
    double DischargeMaxTemperatureError_K,
    double TemperatureRms_K,
    double PeakTemperatureError_K,
    string? Problem)
{
    public static TestMetrics Of(CalibrationTest test, ReplayResult replay)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(replay);
        double sd = 0, sr = 0, sc = 0, sa = 0, st = 0, maxT = double.NaN;
        int nd = 0, nr = 0, nc = 0, nt = 0;
        double peakMeasured = double.NegativeInfinity, peakModel = double.NegativeInfinity;
        for (var k = 0; k < test.Count; k++)
        {
            var e = replay.Voltage_V[k] - test.Voltage_V[k];
            sa += e * e;
            switch (test.Segment[k])
            {
                case TestSegment.Discharge: sd += e * e; nd++; break;
                case TestSegment.RestAfterDischarge: sr += e * e; nr++; break;
                default: sc += e * e; nc++; break;
            }

            if (test.Temperature_K is { } measured && double.IsFinite(measured[k]))
            {
                var et = replay.Temperature_K[k] - measured[k];
                st += et * et;
                nt++;
                peakMeasured = Math.Max(peakMeasured, measured[k]);
                peakModel = Math.Max(peakModel, replay.Temperature_K[k]);
                if (test.Segment[k] == TestSegment.Discharge)
                {
                    maxT = double.IsNaN(maxT) ? Math.Abs(et) : Math.Max(maxT, Math.Abs(et));
                }
            }
        }

        static double Rms(double s, int n) => n > 0 ? 1000 * Math.Sqrt(s / n) : double.NaN;
        return new TestMetrics(
            test.Name,
            Rms(sd, nd),
            Rms(sr, nr),
            Rms(sc, nc),
            Rms(sa, test.Count),
            maxT,
            nt > 0 ? Math.Sqrt(st / nt) : double.NaN,
            nt > 0 ? peakModel - peakMeasured : double.NaN,
            replay.Problem);
    }

    /// <summary>A fixed-width table of metrics (mV, K).</summary>
    public static string Table(IEnumerable<TestMetrics> rows, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var w = new System.Text.StringBuilder();
        if (title is not null)
        {
            w.AppendLine(title);
        }

        w.AppendLine("test                                    discharge   rest    all     T max|dis  T rms   dT peak");
        w.AppendLine("                                        RMS mV      RMS mV  RMS mV  K          K       K");
        foreach (var r in rows)
        {
            w.AppendLine(System.FormattableString.Invariant(
                $"{r.Test,-40}{r.DischargeRms_mV,8:F1}{r.RestRms_mV,9:F1}{r.AllRms_mV,8:F1}{r.DischargeMaxTemperatureError_K,10:F2}{r.TemperatureRms_K,8:F2}{r.PeakTemperatureError_K,9:F2}{(r.Problem is null ? "" : "  (" + r.Problem + ")")}"));
        }

        return w.ToString();
    }

    /// <summary>°C of a kelvin temperature, for reports.</summary>
    public static double Celsius(double kelvin) => kelvin - PhysicalConstants.ZeroCelsius_K;
}
