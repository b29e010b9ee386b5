using System.Globalization;

namespace ChargeTwin.HilBench.Tests.Plant;

/// <summary>Paths to the bench's reference data (copied beside the test assembly) and a reader for PyBaMM's CSV traces.</summary>
internal static class ReferenceData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "data");

    public static string PyBamm(string file) => Path.Combine(Root, "peer", "pybamm", file);

    /// <summary>Columns of a CSV with a header row, by name.</summary>
    public static Dictionary<string, double[]> ReadColumns(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && l[0] != '#').ToArray();
        var header = lines[0].Split(',');
        var columns = header.Select(_ => new List<double>()).ToArray();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            for (var c = 0; c < header.Length; c++)
            {
                columns[c].Add(double.Parse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }

        return header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => columns[p.i].ToArray());
    }

    /// <summary>Linear interpolation of (x, y) at x0 (clamped at the ends).</summary>
    public static double Interpolate(IReadOnlyList<double> x, IReadOnlyList<double> y, double x0)
    {
        if (x0 <= x[0])
        {
            return y[0];
        }

        if (x0 >= x[^1])
        {
            return y[^1];
        }

        var lo = 0;
        var hi = x.Count - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (x[mid] <= x0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var a = (x0 - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + a * (y[hi] - y[lo]);
    }

    public static double Rms(IEnumerable<double> errors)
    {
        var e = errors.ToArray();
        return Math.Sqrt(e.Sum(v => v * v) / e.Length);
    }
}
