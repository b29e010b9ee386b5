using System.Globalization;
using System.Text.RegularExpressions;
using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// Makes constants inside a set's functions fittable: a function written as <c>A * … arr(E, Tref) …</c> gets
/// <c>param("… activation energy [J.mol-1]")</c> for E and <c>param("… reference value …")</c> for A, with the
/// constants moved to new scalars of the same value — the model is unchanged, only its numbers become
/// parameters that <see cref="ParameterSet.With"/> reaches. The names follow the BPX importer's, so a cell
/// imported from BPX already has them. Scalars the plant reads with a default (the contact resistance) are added
/// at that default when a cell lacks them.
/// </summary>
public static partial class CalibrationBase
{
    /// <summary>(exposed scalar, function it lives in, what is exposed).</summary>
    private static readonly (string Name, string Function, bool Energy)[] Exposable =
    [
        ("Negative particle diffusivity activation energy [J.mol-1]", "Negative particle diffusivity [m2.s-1]", true),
        ("Positive particle diffusivity activation energy [J.mol-1]", "Positive particle diffusivity [m2.s-1]", true),
        ("Negative electrode reaction rate constant activation energy [J.mol-1]", "Negative electrode exchange-current density [A.m-2]", true),
        ("Positive electrode reaction rate constant activation energy [J.mol-1]", "Positive electrode exchange-current density [A.m-2]", true),
        ("Electrolyte diffusivity activation energy [J.mol-1]", "Electrolyte diffusivity [m2.s-1]", true),
        ("Electrolyte conductivity activation energy [J.mol-1]", "Electrolyte conductivity [S.m-1]", true),
        ("Negative particle diffusivity reference value [m2.s-1]", "Negative particle diffusivity [m2.s-1]", false),
        ("Positive particle diffusivity reference value [m2.s-1]", "Positive particle diffusivity [m2.s-1]", false),
        ("Negative electrode exchange-current density reference value [A.m-2.(m3.mol-1)1.5]", "Negative electrode exchange-current density [A.m-2]", false),
        ("Positive electrode exchange-current density reference value [A.m-2.(m3.mol-1)1.5]", "Positive electrode exchange-current density [A.m-2]", false),
    ];

    /// <summary>Scalars the plant reads with a default when a cell lacks them (a BPX file has no contact resistance).</summary>
    private static readonly (string Name, double PlantDefault)[] Optional =
    [
        ("Contact resistance [Ohm]", 0.0),
    ];

    /// <summary>The scalar names <see cref="Expose"/> can create.</summary>
    public static IEnumerable<string> ExposableNames => Exposable.Select(e => e.Name).Concat(Optional.Select(o => o.Name));

    /// <summary>
    /// A copy of <paramref name="set"/> in which each of <paramref name="names"/> that the set lacks but that is
    /// exposable becomes a scalar read by its function. Names the set already has are left alone; a name that is
    /// neither is left for <see cref="CalibrationParameter.Create"/> to reject. Throws
    /// <see cref="CalibrationInputException"/> when a function is not of the form the rewrite understands.
    /// </summary>
    public static ParameterSet Expose(ParameterSet set, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(names);
        var wanted = Exposable.Where(e => names.Contains(e.Name) && !set.Contains(e.Name)).ToList();
        var optional = Optional.Where(o => names.Contains(o.Name) && !set.Contains(o.Name)).ToList();
        if (wanted.Count == 0 && optional.Count == 0)
        {
            return set;
        }

        var doc = CellFileDocument.FromSet(set);
        foreach (var (name, plantDefault) in optional)
        {
            doc.SetScalar(name, plantDefault, "the plant's value when a cell has none");
        }

        foreach (var (name, function, energy) in wanted)
        {
            var text = doc.FunctionText(function)
                ?? throw new CalibrationInputException($"--fit '{name}': cell '{set.Name}' has no function '{function}' as an expression to expose it from");
            var matches = (energy ? ArrheniusConstant() : LeadingConstant()).Matches(text);
            if (matches.Count != 1)
            {
                var form = energy ? "one arr(<number>, Tref)" : "a leading '<number> *'";
                throw new CalibrationInputException($"--fit '{name}': cannot expose it, '{function}' = \"{text}\" does not have {form}");
            }

            var m = matches[0];
            var group = m.Groups["value"];
            var value = double.Parse(group.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            doc.SetFunction(function, string.Concat(text.AsSpan(0, group.Index), $"param(\"{name}\")", text.AsSpan(group.Index + group.Length)));
            doc.SetScalar(name, value, energy ? null : $"exposed from \"{text}\"");
        }

        return doc.ToSet(set.Source);
    }

    [GeneratedRegex(@"arr\(\s*(?<value>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*,")]
    private static partial Regex ArrheniusConstant();

    [GeneratedRegex(@"^\s*(?<value>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*\*")]
    private static partial Regex LeadingConstant();
}
