namespace ChargeTwin.HilBench.Validation;

/// <summary>
/// A measured cell test as time series: time [s], terminal current [A] (charge positive),
/// terminal voltage [V] and, where recorded, a cell temperature [°C] (NaN where blank).
/// </summary>
public sealed record MeasuredTest(string Source, double[] Time_s, double[] Current_A, double[] Voltage_V, double[]? Temperature_C)
{
    public int Count => Time_s.Length;

    /// <summary>The first contiguous segment whose current is below −<paramref name="threshold_A"/> (a discharge): [start, end] inclusive.</summary>
    public (int Start, int End) DischargeSegment(double threshold_A)
    {
        var start = Array.FindIndex(Current_A, i => i < -threshold_A);
        if (start < 0)
        {
            throw new MeasuredDataException(Source, 0, "current", "the test has no discharge segment");
        }

        var end = start;
        while (end + 1 < Count && Current_A[end + 1] < -threshold_A)
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>Charge passed from sample <paramref name="start"/> (trapezoid rule) [A h], charge positive.</summary>
    public double[] CumulativeCharge_Ah(int start, int end)
    {
        var q = new double[end - start + 1];
        for (var i = start + 1; i <= end; i++)
        {
            q[i - start] = q[i - start - 1] + 0.5 * (Current_A[i] + Current_A[i - 1]) * (Time_s[i] - Time_s[i - 1]) / 3600.0;
        }

        return q;
    }
}
