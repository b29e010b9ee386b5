using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;
using ChargeTwin.RtCore.Config;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// A fitted quantity: a scalar of the parameter set by its PyBaMM name, or a derived cell-level quantity that sets
/// several scalars at once (<see cref="CellHeatCapacity"/>). The optimiser works in the coordinate
/// u = log θ or u = θ (<see cref="Scale"/>) inside [Lower, Upper].
/// </summary>
public sealed class CalibrationParameter
{
    /// <summary>The derived "Cell heat capacity [J.K-1]": every layer's specific heat capacity scaled by one factor.</summary>
    public const string CellHeatCapacity = "Cell heat capacity [J.K-1]";

    private static readonly string[] SpecificHeats =
    [
        "Negative current collector specific heat capacity [J.kg-1.K-1]",
        "Negative electrode specific heat capacity [J.kg-1.K-1]",
        "Separator specific heat capacity [J.kg-1.K-1]",
        "Positive electrode specific heat capacity [J.kg-1.K-1]",
        "Positive current collector specific heat capacity [J.kg-1.K-1]",
    ];

    private CalibrationParameter(string name, FitScale scale, double lower, double upper, string unitNote, double? groupAmbient_C = null)
    {
        Name = name;
        Scale = scale;
        Lower = lower;
        Upper = upper;
        Description = unitNote;
        GroupAmbient_C = groupAmbient_C;
    }

    /// <summary>The scalar it sets (PyBaMM name) or the derived quantity's name.</summary>
    public string Name { get; }

    /// <summary>
    /// Null for a parameter of the cell. Otherwise a parameter of the test environment: it applies only to the
    /// tests whose ambient, rounded to 5 °C, is this (e.g. a chamber's heat-transfer coefficient), on top of the
    /// cell's own value, and is not written into the cell file.
    /// </summary>
    public double? GroupAmbient_C { get; }

    /// <summary>The name, with the test group of an environment parameter.</summary>
    public string Label => GroupAmbient_C is { } g ? string.Create(CultureInfo.InvariantCulture, $"{Name} (tests at {g:F0} °C)") : Name;

    /// <summary>True if the parameter acts on <paramref name="test"/>.</summary>
    public bool AppliesTo(CalibrationTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return GroupAmbient_C is not { } g || AmbientGroup_C(test) == g;
    }

    /// <summary>A test's ambient rounded to 5 °C: the groups of <see cref="ForAmbientGroup"/>.</summary>
    public static double AmbientGroup_C(CalibrationTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var celsius = Math.Round(test.Ambient_K - PhysicalConstants.ZeroCelsius_K, 3); // 315.65 K − 273.15 K is 42.4999…
        return 5 * Math.Round(celsius / 5, MidpointRounding.AwayFromZero);
    }

    /// <summary>The same parameter, for the tests of one ambient group only (same bounds and scale).</summary>
    public CalibrationParameter ForAmbientGroup(double ambient_C) =>
        new(Name, Scale, Lower, Upper, $"{Description}; tests at {ambient_C:F0} °C only", ambient_C);

    public FitScale Scale { get; }

    /// <summary>Lower bound in natural units.</summary>
    public double Lower { get; }

    /// <summary>Upper bound in natural units.</summary>
    public double Upper { get; }

    /// <summary>What the parameter sets, for reports and the cell file.</summary>
    public string Description { get; }

    public bool IsDerived => Name == CellHeatCapacity;

    /// <summary>
    /// Multiplies the calibrator's start spread: 0.1 for the capacity parameters (active-material fractions, initial
    /// concentrations), whose few per cent already move the capacity by more than the data allow; 1 otherwise.
    /// </summary>
    public double StartSpreadFactor =>
        Name.EndsWith("active material volume fraction", StringComparison.Ordinal) || Name.StartsWith("Initial concentration in", StringComparison.Ordinal) ? 0.1 : 1.0;

    /// <summary>θ → u.</summary>
    public double ToFit(double value) => Scale == FitScale.Log ? Math.Log(value) : value;

    /// <summary>u → θ, kept inside the bounds (exp(ln b) can miss b by an ulp).</summary>
    public double FromFit(double u) => Math.Clamp(Scale == FitScale.Log ? Math.Exp(u) : u, Lower, Upper);

    public double LowerFit => ToFit(Lower);

    public double UpperFit => ToFit(Upper);

    /// <summary>dθ/du at u (for σ in natural units).</summary>
    public double Derivative(double u) => Scale == FitScale.Log ? Math.Exp(u) : 1.0;

    /// <summary>The parameter's value in <paramref name="set"/>.</summary>
    public double Read(ParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return IsDerived ? HeatCapacity_JPerK(set) : set.Scalar(Name);
    }

    /// <summary>A copy of <paramref name="set"/> with this parameter at <paramref name="value"/>.</summary>
    public ParameterSet Apply(ParameterSet set, double value)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (!IsDerived)
        {
            return set.With(Name, value);
        }

        var factor = value / HeatCapacity_JPerK(set);
        foreach (var name in SpecificHeats)
        {
            set = set.With(name, set.Scalar(name) * factor);
        }

        return set;
    }

    /// <summary>
    /// The parameter <paramref name="name"/> with bounds <paramref name="lower"/>..<paramref name="upper"/> (defaults by
    /// kind when null), checked against <paramref name="set"/>: the name must be a scalar of the set (or one that
    /// <see cref="CalibrationBase.Expose"/> can expose, or the derived heat capacity), and the bounds must hold the start value.
    /// </summary>
    public static CalibrationParameter Create(string name, ParameterSet set, double? lower = null, double? upper = null, FitScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(set);
        if (name != CellHeatCapacity && !set.TryGetScalar(name, out _))
        {
            var hint = set.Contains(name)
                ? "it is a function; fit a scalar it reads with param(\"…\") instead"
                : $"the cell has no such scalar{NameSuggestions.DidYouMean(name, set.Names.Concat(CalibrationBase.ExposableNames).Append(CellHeatCapacity))}";
            throw new CalibrationInputException($"--fit '{name}': {hint}");
        }

        var (defaultScale, lo, hi, note) = Defaults(name, set);
        var p = new CalibrationParameter(name, scale ?? defaultScale, lower ?? lo, upper ?? hi, note);
        if (!(p.Lower < p.Upper) || (p.Scale == FitScale.Log && !(p.Lower > 0)))
        {
            throw new CalibrationInputException(string.Create(CultureInfo.InvariantCulture,
                $"--fit '{name}': bounds {p.Lower:G4}..{p.Upper:G4} are empty{(p.Scale == FitScale.Log ? " or not positive (the parameter is fitted on a log scale)" : "")}"));
        }

        var start = p.Read(set);
        var slack = 1e-12 * Math.Max(Math.Abs(p.Lower), Math.Abs(p.Upper));
        if (!(start >= p.Lower - slack && start <= p.Upper + slack))
        {
            throw new CalibrationInputException(string.Create(CultureInfo.InvariantCulture,
                $"--fit '{name}': bounds {p.Lower:G4}..{p.Upper:G4} exclude the start value {start:G6} of cell '{set.Name}'"));
        }

        return p;
    }

    /// <summary>Heat capacity of the lumped cell [J/K]: cell volume × the layers' thickness-weighted ρc_p (as the plant computes it).</summary>
    public static double HeatCapacity_JPerK(ParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        double Layer(string density, string heat, string thickness) => set.Scalar(density) * set.Scalar(heat) * set.Scalar(thickness);
        var sum = Layer("Negative current collector density [kg.m-3]", SpecificHeats[0], "Negative current collector thickness [m]")
            + Layer("Negative electrode density [kg.m-3]", SpecificHeats[1], "Negative electrode thickness [m]")
            + Layer("Separator density [kg.m-3]", SpecificHeats[2], "Separator thickness [m]")
            + Layer("Positive electrode density [kg.m-3]", SpecificHeats[3], "Positive electrode thickness [m]")
            + Layer("Positive current collector density [kg.m-3]", SpecificHeats[4], "Positive current collector thickness [m]");
        var thicknessTotal = set.Scalar("Negative current collector thickness [m]") + set.Scalar("Negative electrode thickness [m]")
            + set.Scalar("Separator thickness [m]") + set.Scalar("Positive electrode thickness [m]") + set.Scalar("Positive current collector thickness [m]");
        return set.Scalar("Cell volume [m3]") * sum / thicknessTotal;
    }

    public override string ToString() => Name;

    private static (FitScale Scale, double Lower, double Upper, string Note) Defaults(string name, ParameterSet set)
    {
        if (name == CellHeatCapacity)
        {
            return (FitScale.Log, 5, 500, "scales every layer's specific heat capacity by one factor");
        }

        if (name.Contains("activation energy", StringComparison.Ordinal))
        {
            // the range reported for intercalation kinetics and solid diffusion; beyond it the fit only trades
            // one missing piece of physics for another, and a 1000-fold exchange current at 45 °C makes the
            // plant's Newton iterations crawl. Linear, not log: ln D(T) = ln D_ref − E/R (1/T − 1/T_ref) is then linear
            // in the fit coordinates (ln D_ref, E), so the valley between a prefactor and its activation energy is
            // straight and the linearised intervals hold along it (on a log scale it bends)
            return (FitScale.Linear, 5e3, 1e5, "Arrhenius activation energy read by the functions with param()");
        }

        if (name.EndsWith("active material volume fraction", StringComparison.Ordinal))
        {
            return (FitScale.Log, 0.2, 0.99, "capacity of the electrode (and its surface area a = 3ε/R)");
        }

        if (name.StartsWith("Initial concentration in negative electrode", StringComparison.Ordinal)
            || name.StartsWith("Initial concentration in positive electrode", StringComparison.Ordinal))
        {
            var electrode = name.Contains("negative", StringComparison.Ordinal) ? "negative" : "positive";
            var max = set.TryGetScalar($"Maximum concentration in {electrode} electrode [mol.m-3]", out var c) ? c : 1e5;
            return (FitScale.Log, 0.02 * max, max, "with the other electrode's, the cyclable lithium inventory");
        }

        if (name == "Contact resistance [Ohm]")
        {
            return (FitScale.Linear, 0, 0.1, "series resistance at the terminals (tabs, welds, contacts)");
        }

        if (name == "Total heat transfer coefficient [W.m-2.K-1]")
        {
            return (FitScale.Log, 0.5, 500, "Newton cooling to ambient over the cell's cooling area");
        }

        if (name.Contains("reference value", StringComparison.Ordinal) || name.Contains("rate constant [", StringComparison.Ordinal))
        {
            var v = set.Scalar(name);
            return (FitScale.Log, v / 30, v * 30, "prefactor read by the functions with param() (within a factor 30 of the base cell's)");
        }

        var value = set.Scalar(name);
        return value > 0
            ? (FitScale.Log, value / 100, value * 100, "scalar of the cell")
            : (FitScale.Linear, value - 1, value + 1, "scalar of the cell");
    }
}

/// <summary>A calibration input the user can fix (bad --fit name, bounds, options); one line, exit code 2.</summary>
public sealed class CalibrationInputException(string message) : Exception(message);
