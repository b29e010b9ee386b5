using System.Globalization;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.HilBench.Validation;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Turns measured tests into <see cref="CalibrationTest"/>s: finds the first discharge, the rest after it and
/// (on request) the charge and the rest after that; turns the recorded current into charge-preserving constant
/// pieces; picks comparison points on the measured time grid.
/// </summary>
public static class CalibrationTestBuilder
{
    /// <summary>A test recorded by a cycler (time, current, voltage, optionally temperature).</summary>
    public static CalibrationTest FromMeasured(MeasuredTest measured, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var o = options ?? new ReplayOptions();
        o.Validate();
        var thr = o.RestThreshold_A;
        var (dStart, dEnd) = measured.DischargeSegment(thr);
        if (dEnd == dStart)
        {
            throw new MeasuredDataException(measured.Source, dStart + 2, "current", "the discharge has a single sample");
        }

        var t = measured.Time_s;
        var i = measured.Current_A;
        var t0 = t[dStart];

        // the rest sample before the discharge gives the initial state
        var restBefore = dStart - 1;
        while (restBefore >= 0 && Math.Abs(i[restBefore]) > thr)
        {
            restBefore--;
        }

        if (restBefore < 0)
        {
            throw new MeasuredDataException(measured.Source, dStart + 2, "current", "no rest sample before the discharge to take the initial state from");
        }

        // segments after the discharge: rest, then optionally charge and rest
        var segments = new List<(TestSegment Kind, int From, int To, double Start_s, double End_s)>
        {
            (TestSegment.Discharge, dStart, dEnd, t[dStart], t[dEnd]),
        };
        var k = dEnd + 1;
        var restStart = k;
        while (k < measured.Count && Math.Abs(i[k]) <= thr)
        {
            k++;
        }

        var restEnd = k - 1;
        if (restEnd >= restStart)
        {
            var end = k < measured.Count ? t[k] : t[restEnd];
            if (end > t[dEnd])
            {
                segments.Add((TestSegment.RestAfterDischarge, restStart, restEnd, t[dEnd], end));
            }
        }

        if (o.IncludeCharge && k < measured.Count && i[k] > thr)
        {
            var cStart = k;
            while (k + 1 < measured.Count && i[k + 1] > thr)
            {
                k++;
            }

            var cEnd = k;
            if (cEnd > cStart)
            {
                segments.Add((TestSegment.Charge, cStart, cEnd, t[cStart], t[cEnd]));
                k = cEnd + 1;
                var rs = k;
                while (k < measured.Count && Math.Abs(i[k]) <= thr)
                {
                    k++;
                }

                if (k - 1 >= rs && t[k - 1] > t[cEnd])
                {
                    segments.Add((TestSegment.RestAfterCharge, rs, k - 1, t[cEnd], t[k - 1]));
                }
            }
        }
        else if (o.IncludeCharge)
        {
            throw new MeasuredDataException(measured.Source, Math.Min(k, measured.Count - 1) + 2, "current", "no charge after the rest that follows the discharge");
        }

        // current pieces: rest between segments is 0 A; within discharge and charge, charge-preserving constant pieces
        var pieces = new List<CurrentPiece>();
        var previousEnd = t0;
        foreach (var s in segments)
        {
            if (s.Start_s > previousEnd)
            {
                pieces.Add(new CurrentPiece(previousEnd - t0, s.Start_s - t0, 0));
            }

            if (s.Kind is TestSegment.Discharge or TestSegment.Charge)
            {
                AddPieces(pieces, t, i, s.From, s.To, t0, o);
            }
            else
            {
                pieces.Add(new CurrentPiece(s.Start_s - t0, s.End_s - t0, 0));
            }

            previousEnd = s.End_s;
        }

        // comparison points on the measured time grid
        List<double> times = [], volts = [], temps = [];
        List<TestSegment> kinds = [];
        var temperature = measured.Temperature_C;
        foreach (var s in segments)
        {
            var rest = s.Kind is TestSegment.RestAfterDischarge or TestSegment.RestAfterCharge;
            var count = rest ? o.PointsPerRest : o.PointsPerDischarge;
            var first = s.Start_s + o.SkipAfterStep_s;

            // a rest that ends in a current step: its last samples may already show the new current's voltage
            var last = rest && s.To + 1 < measured.Count ? s.End_s - o.SkipAfterStep_s : s.End_s;
            var picked = PickSamples(t, s.From, s.To, first, last, count, geometric: rest);
            foreach (var idx in picked)
            {
                times.Add(t[idx] - t0);
                volts.Add(measured.Voltage_V[idx]);
                temps.Add(temperature is null ? double.NaN : temperature[idx] + PhysicalConstants.ZeroCelsius_K);
                kinds.Add(s.Kind);
            }
        }

        var initialTemperature_C = FirstFinite(temperature, restBefore) ?? 25.0;
        var restVoltage = measured.Voltage_V[restBefore];
        var note = string.Create(CultureInfo.InvariantCulture, $"initial state: rest voltage {restVoltage:F4} V (sample {restBefore + 2} of the file)");
        var lastRest = measured.Count - 1;
        if (Math.Abs(i[lastRest]) <= thr && lastRest > dEnd + 1 && segments.Count > 0 && HasChargeAfter(i, dEnd, thr))
        {
            var endVoltage = measured.Voltage_V[lastRest];
            if (restVoltage < endVoltage - o.InitialVoltagePlausibility_V)
            {
                note = string.Create(CultureInfo.InvariantCulture,
                    $"initial state: end-of-file rest voltage {endVoltage:F4} V; the first sample's {restVoltage:F4} V at 0 A is {endVoltage - restVoltage:F3} V lower, implausible after the preceding full charge");
                restVoltage = endVoltage;
            }
        }

        var discharge = measured.CumulativeCharge_Ah(dStart, dEnd)[^1];
        var meanCurrent = discharge * 3600 / (t[dEnd] - t[dStart]);
        var rate = Math.Abs(meanCurrent) / o.NominalCapacity_Ah;
        var initialK = initialTemperature_C + PhysicalConstants.ZeroCelsius_K;
        return new CalibrationTest
        {
            Name = Path.GetFileNameWithoutExtension(measured.Source),
            Source = measured.Source,
            Ambient_K = initialK,
            InitialTemperature_K = initialK,
            InitialRestVoltage_V = restVoltage,
            InitialStateNote = note,
            Profile = [.. pieces],
            Time_s = [.. times],
            Voltage_V = [.. volts],
            Temperature_K = temperature is null ? null : [.. temps],
            Segment = [.. kinds],
            MeasuredDischarge_Ah = discharge,
            DischargeRate_C = rate,
        };
    }

    /// <summary>
    /// A digitised constant-current discharge curve (time [s], voltage [V]) at a stated C-rate: the replay is a
    /// constant current of <paramref name="rate_C"/> × <paramref name="nominalCapacity_Ah"/> from a rested cell at
    /// <paramref name="initialStateOfCharge"/> (default full) to the curve's last time, compared at the curve's points.
    /// </summary>
    public static CalibrationTest FromDigitisedDischarge(
        DigitisedCurve curve, double rate_C, double nominalCapacity_Ah, double ambient_K, double initialStateOfCharge = 1.0, int maxPoints = 120)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (!(rate_C > 0) || !(nominalCapacity_Ah > 0))
        {
            throw new MeasuredDataException(curve.Source, 0, "C-rate", $"a digitised curve needs a positive C-rate and nominal capacity (got {rate_C} C)");
        }

        var start = Array.FindIndex(curve.X, x => x > 0);
        if (start < 0)
        {
            throw new MeasuredDataException(curve.Source, 0, "column 1", "no point after time 0");
        }

        var end = curve.X[^1];
        var current = -rate_C * nominalCapacity_Ah;
        var picked = PickSamples(curve.X, start, curve.X.Length - 1, curve.X[start], end, maxPoints, geometric: false);
        return new CalibrationTest
        {
            Name = Path.GetFileNameWithoutExtension(curve.Source),
            Source = curve.Source,
            Ambient_K = ambient_K,
            InitialTemperature_K = ambient_K,
            InitialRestVoltage_V = double.NaN,
            InitialStateOfCharge = initialStateOfCharge,
            InitialStateNote = string.Create(CultureInfo.InvariantCulture, $"initial state: SOC {initialStateOfCharge:F3} (digitised curve at {rate_C:G3}C)"),
            Profile = [new CurrentPiece(0, end, current)],
            Time_s = [.. picked.Select(k => curve.X[k])],
            Voltage_V = [.. picked.Select(k => curve.Y[k])],
            Temperature_K = null,
            Segment = [.. picked.Select(_ => TestSegment.Discharge)],
            MeasuredDischarge_Ah = current * end / 3600,
            DischargeRate_C = rate_C,
        };
    }

    private static bool HasChargeAfter(double[] current, int from, double thr)
    {
        for (var k = from; k < current.Length; k++)
        {
            if (current[k] > thr)
            {
                return true;
            }
        }

        return false;
    }

    private static double? FirstFinite(double[]? values, int upTo)
    {
        if (values is null)
        {
            return null;
        }

        for (var k = upTo; k >= 0; k--)
        {
            if (double.IsFinite(values[k]))
            {
                return values[k];
            }
        }

        for (var k = upTo + 1; k < values.Length; k++)
        {
            if (double.IsFinite(values[k]))
            {
                return values[k];
            }
        }

        return null;
    }

    /// <summary>Charge-preserving constant pieces of the recorded current between samples from..to (trapezoid rule).</summary>
    private static void AddPieces(List<CurrentPiece> pieces, double[] t, double[] i, int from, int to, double t0, ReplayOptions o)
    {
        var pieceStart = t[from];
        double charge = 0, duration = 0;
        for (var k = from; k < to; k++)
        {
            var dt = t[k + 1] - t[k];
            if (dt <= 0)
            {
                continue;
            }

            var mean = 0.5 * (i[k] + i[k + 1]);
            if (duration > 0)
            {
                var pieceMean = charge / duration;
                if (Math.Abs(mean - pieceMean) > Math.Max(o.CurrentAbsoluteTolerance_A, o.CurrentRelativeTolerance * Math.Abs(pieceMean)))
                {
                    pieces.Add(new CurrentPiece(pieceStart - t0, t[k] - t0, pieceMean));
                    pieceStart = t[k];
                    charge = 0;
                    duration = 0;
                }
            }

            charge += mean * dt;
            duration += dt;
        }

        if (duration > 0)
        {
            pieces.Add(new CurrentPiece(pieceStart - t0, t[to] - t0, charge / duration));
        }
    }

    /// <summary>
    /// Indices of measured samples in from..to with time in [first, end], nearest to <paramref name="count"/> target
    /// times spaced evenly or geometrically (dense at the start, where a rest relaxes fastest); no duplicates.
    /// </summary>
    internal static List<int> PickSamples(double[] t, int from, int to, double first, double end, int count, bool geometric)
    {
        var candidates = new List<int>();
        for (var k = from; k <= to; k++)
        {
            if (t[k] >= first && t[k] <= end)
            {
                candidates.Add(k);
            }
        }

        if (candidates.Count <= count)
        {
            return candidates;
        }

        var picked = new List<int>(count);
        var span = t[candidates[^1]] - t[candidates[0]];
        var origin = t[candidates[0]];
        const double tau0 = 10.0;
        var c = 0;
        for (var n = 0; n < count; n++)
        {
            var f = count == 1 ? 1.0 : (double)n / (count - 1);
            var target = geometric ? origin + tau0 * (Math.Pow(span / tau0 + 1, f) - 1) : origin + f * span;
            while (c + 1 < candidates.Count && Math.Abs(t[candidates[c + 1]] - target) <= Math.Abs(t[candidates[c]] - target))
            {
                c++;
            }

            if (picked.Count == 0 || picked[^1] != candidates[c])
            {
                picked.Add(candidates[c]);
            }
        }

        return picked;
    }
}
