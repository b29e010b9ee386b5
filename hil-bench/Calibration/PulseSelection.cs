using System.Globalization;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Which pulses of a pulse file a calibration fits: chamber temperatures, nominal SOCs and how many cells of each
/// (temperature, SOC) group, in the file's order of cells. Empty lists mean all. A subset keeps the fit's cost down
/// (each pulse is one more replay per residual evaluation) while every temperature stays in the data.
/// </summary>
public sealed record PulseSelection(IReadOnlyList<double> Temperatures_C, IReadOnlyList<int> StatesOfCharge_percent, int CellsPerGroup)
{
    /// <summary>Every pulse.</summary>
    public static PulseSelection All { get; } = new([], [], int.MaxValue);

    /// <summary>The selected pulses, in file order.</summary>
    public IReadOnlyList<PulseTest> Select(IReadOnlyList<PulseTest> pulses)
    {
        ArgumentNullException.ThrowIfNull(pulses);
        if (CellsPerGroup < 1)
        {
            throw new CalibrationInputException($"--pulse-cells {CellsPerGroup}: expected 1 or more");
        }

        var selected = new List<PulseTest>();
        var taken = new Dictionary<(double, int), int>();
        foreach (var p in pulses)
        {
            if ((Temperatures_C.Count > 0 && !Temperatures_C.Contains(p.Temperature_C))
                || (StatesOfCharge_percent.Count > 0 && !StatesOfCharge_percent.Contains(p.StateOfCharge_percent)))
            {
                continue;
            }

            var key = (p.Temperature_C, p.StateOfCharge_percent);
            var n = taken.GetValueOrDefault(key);
            if (n < CellsPerGroup)
            {
                taken[key] = n + 1;
                selected.Add(p);
            }
        }

        foreach (var t in Temperatures_C.Where(t => !pulses.Any(p => p.Temperature_C == t)))
        {
            throw new CalibrationInputException(string.Create(CultureInfo.InvariantCulture,
                $"--pulse-temperature {t:G}: the pulse file has no pulses at {t:G} °C (it has {string.Join(", ", pulses.Select(p => p.Temperature_C).Distinct().Order())})"));
        }

        foreach (var s in StatesOfCharge_percent.Where(s => !pulses.Any(p => p.StateOfCharge_percent == s)))
        {
            throw new CalibrationInputException(string.Create(CultureInfo.InvariantCulture,
                $"--pulse-soc {s}: the pulse file has no pulses at {s} % SOC (it has {string.Join(", ", pulses.Select(p => p.StateOfCharge_percent).Distinct().Order())})"));
        }

        return selected;
    }
}
