using System.Globalization;
using System.Text.Json;
using ChargeTwin.RtCore.Config;

namespace ChargeTwin.Cells;

/// <summary>
/// Maps the sections of one BPX document to PyBaMM parameter names (see <see cref="BpxImporter"/>).
/// Activation energies, rate constants and the reference temperature enter the generated functions as
/// param("…"), so <see cref="ParameterSet.With"/> on them (calibration) reaches the functions; the
/// normalisation of the exchange-current density (c_max, c_e0) is fixed at import, as in PyBaMM.
/// </summary>
internal sealed class BpxMapping(BpxSection root, string source, TableInterpolation tables)
{
    private const string ReferenceTemperature = "Reference temperature [K]";

    private readonly ParameterSetBuilder _set = new(
        Path.GetFileNameWithoutExtension(root.File), source);

    private readonly List<string> _notes = [];

    public ParameterSet Build()
    {
        root.AllowOnly(BpxFields.Root);
        var header = root.Section("Header");
        header.AllowOnly(BpxFields.Header);
        var version = header.OptionalText("BPX") ?? throw header.Missing("BPX");
        var model = header.OptionalText("Model") ?? throw header.Missing("Model");
        if (model is not ("DFN" or "SPMe"))
        {
            throw header.Where("Model").Error($"model '{model}' is not supported: the plant needs a DFN (or SPMe) parameterisation");
        }

        var title = header.OptionalText("Title");
        var description = header.OptionalText("Description");
        var references = header.OptionalText("References");
        _set.Description = title ?? description ?? "";
        if (references is not null)
        {
            _set.Citations.Add(references);
        }

        var parameterisation = root.Section("Parameterisation");
        parameterisation.AllowOnly(BpxFields.Parameterisation);
        var state = ReadState(root.OptionalSection("State"));

        var cell = parameterisation.Section("Cell");
        cell.AllowOnly(BpxFields.Cell);
        var electrolyte = parameterisation.Section("Electrolyte");
        electrolyte.AllowOnly(BpxFields.Electrolyte);
        var negative = parameterisation.Section("Negative electrode");
        negative.AllowOnly(BpxFields.Electrode);
        var positive = parameterisation.Section("Positive electrode");
        positive.AllowOnly(BpxFields.Electrode);
        var separator = parameterisation.Section("Separator");
        separator.AllowOnly(BpxFields.Separator);

        MapCell(cell, state);
        var initialElectrolyte = MapElectrolyte(electrolyte, state);
        MapElectrode(negative, "Negative", initialElectrolyte, state.InitialSoc);
        MapElectrode(positive, "Positive", initialElectrolyte, state.InitialSoc);
        MapSeparator(separator);
        MapFixedChoices();
        if (parameterisation.OptionalSection("User-defined") is { } userDefined)
        {
            MapUserDefined(userDefined);
        }

        _set.Provenance = string.Join(
            " ",
            new[]
            {
                $"Imported from BPX {version} ({model}) file {root.File} following PyBaMM's BPX mapping (pybamm/parameters/bpx.py).",
                description,
                references is null ? null : $"References: {references}.",
                tables == TableInterpolation.Linear ? "Tabulated data interpolated linearly (as PyBaMM)." : "Tabulated data interpolated by not-a-knot cubic splines.",
            }.Concat(_notes).Where(s => !string.IsNullOrWhiteSpace(s)));
        return _set.Build();
    }

    private void MapCell(BpxSection cell, BpxState state)
    {
        var area = cell.Number("Electrode area [m2]");
        Scalar("Electrode area [m2]", area, cell.Where("Electrode area [m2]"));
        var side = Math.Sqrt(area); // PyBaMM: a square electrode of the given area
        Scalar("Electrode width [m]", side, cell.Where("Electrode area [m2]"));
        Scalar("Electrode height [m]", side, cell.Where("Electrode area [m2]"));

        Copy(cell, "External surface area [m2]", "External surface area [m2]", "Cell cooling surface area [m2]");
        Copy(cell, "Volume [m3]", "Volume [m3]", "Cell volume [m3]");
        Copy(cell, "Number of electrode pairs connected in parallel to make a cell",
            "Number of electrode pairs connected in parallel to make a cell", "Number of electrodes connected in parallel to make a cell");
        Copy(cell, "Lower voltage cut-off [V]", "Lower voltage cut-off [V]", "Open-circuit voltage at 0% SOC [V]");
        Copy(cell, "Upper voltage cut-off [V]", "Upper voltage cut-off [V]", "Open-circuit voltage at 100% SOC [V]");
        Copy(cell, "Nominal cell capacity [A.h]", "Nominal cell capacity [A.h]", "Current function [A]");
        var referenceTemperature = cell.Number(ReferenceTemperature);
        Scalar(ReferenceTemperature, referenceTemperature, cell.Where(ReferenceTemperature));

        MapTemperature("Ambient temperature [K]", cell, state.AmbientTemperature, referenceTemperature);
        MapTemperature("Initial temperature [K]", cell, state.InitialTemperature, referenceTemperature);

        // lumped thermal properties: the cell's value for every layer, as PyBaMM does
        MapLumped(cell, "Density [kg.m-3]", "density [kg.m-3]");
        MapLumped(cell, "Specific heat capacity [J.K-1.kg-1]", "specific heat capacity [J.kg-1.K-1]");
        MapLumped(cell, "Thermal conductivity [W.m-1.K-1]", "thermal conductivity [W.m-1.K-1]");

        var heatTransfer = state.HeatTransferCoefficient;
        Scalar("Total heat transfer coefficient [W.m-2.K-1]", heatTransfer?.Value ?? 0, heatTransfer?.Where ?? cell.Here);
        if (heatTransfer is null)
        {
            _notes.Add("No heat transfer coefficient in the file: 'Total heat transfer coefficient [W.m-2.K-1]' = 0 (adiabatic), as PyBaMM.");
        }
    }

    private void MapTemperature(string name, BpxSection cell, Located? fromState, double referenceTemperature)
    {
        if (cell.OptionalNumber(name) is { } fromCell)
        {
            Scalar(name, fromCell, cell.Where(name));
        }
        else if (fromState is { } located)
        {
            Scalar(name, located.Value, located.Where);
        }
        else
        {
            Scalar(name, referenceTemperature, cell.Where(ReferenceTemperature));
            _notes.Add($"'{name}' not given: set to the reference temperature, as PyBaMM.");
        }
    }

    private void MapLumped(BpxSection cell, string bpxName, string layerName)
    {
        if (cell.OptionalNumber(bpxName) is not { } value)
        {
            return;
        }

        var where = cell.Where(bpxName);
        Scalar(bpxName, value, where);
        foreach (var layer in BpxFields.ThermalLayers)
        {
            Scalar($"{layer} {layerName}", value, where);
        }
    }

    private double MapElectrolyte(BpxSection electrolyte, BpxState state)
    {
        double initial;
        SourceLocation where;
        if (electrolyte.OptionalNumber("Initial concentration [mol.m-3]") is { } v0)
        {
            (initial, where) = (v0, electrolyte.Where("Initial concentration [mol.m-3]"));
        }
        else if (state.InitialElectrolyteConcentration is { } fromState)
        {
            (initial, where) = (fromState.Value, fromState.Where);
        }
        else
        {
            (initial, where) = (1000, electrolyte.Here);
            _notes.Add("No initial electrolyte concentration: 1000 mol.m-3, as PyBaMM.");
        }

        Scalar("Initial concentration in electrolyte [mol.m-3]", initial, where);
        Copy(electrolyte, "Cation transference number", "Cation transference number");

        const string diffusivityEnergy = "Electrolyte diffusivity activation energy [J.mol-1]";
        const string conductivityEnergy = "Electrolyte conductivity activation energy [J.mol-1]";
        ActivationEnergy(electrolyte, "Diffusivity activation energy [J.mol-1]", diffusivityEnergy);
        ActivationEnergy(electrolyte, "Conductivity activation energy [J.mol-1]", conductivityEnergy);
        ArrheniusFunction(electrolyte, "Diffusivity [m2.s-1]", "Electrolyte diffusivity [m2.s-1]", diffusivityEnergy);
        ArrheniusFunction(electrolyte, "Conductivity [S.m-1]", "Electrolyte conductivity [S.m-1]", conductivityEnergy);
        return initial;
    }

    private void MapElectrode(BpxSection electrode, string domain, double initialElectrolyte, Located? initialSoc)
    {
        if (electrode.Has("Particle"))
        {
            throw electrode.Where("Particle").Error("blended electrodes (several particle materials) are not supported");
        }

        var lower = domain.ToLowerInvariant();
        Copy(electrode, "Thickness [m]", $"{domain} electrode thickness [m]");
        Copy(electrode, "Conductivity [S.m-1]", $"{domain} electrode conductivity [S.m-1]");
        MapPorousLayer(electrode, $"{domain} electrode");

        var minimum = Copy(electrode, "Minimum stoichiometry", $"{domain} electrode minimum stoichiometry");
        var maximum = Copy(electrode, "Maximum stoichiometry", $"{domain} electrode maximum stoichiometry");
        var maximumConcentration = Copy(electrode, "Maximum concentration [mol.m-3]", $"Maximum concentration in {lower} electrode [mol.m-3]");
        var radius = Copy(electrode, "Particle radius [m]", $"{domain} particle radius [m]");
        var surfaceArea = Copy(electrode, "Surface area per unit volume [m-1]", $"{domain} electrode surface area per unit volume [m-1]");
        Scalar($"{domain} electrode active material volume fraction", surfaceArea * radius / 3.0, electrode.Where("Surface area per unit volume [m-1]"));

        // initial state: 100 % SOC (negative full, positive empty), or the State's SOC by linear stoichiometry (as bpx)
        double sto;
        SourceLocation stoWhere;
        if (initialSoc is { } soc)
        {
            sto = domain == "Negative" ? (maximum - minimum) * soc.Value + minimum : maximum - (maximum - minimum) * soc.Value;
            stoWhere = soc.Where;
        }
        else
        {
            sto = domain == "Negative" ? maximum : minimum;
            stoWhere = electrode.Where(domain == "Negative" ? "Maximum stoichiometry" : "Minimum stoichiometry");
        }

        Scalar($"Initial concentration in {lower} electrode [mol.m-3]", sto * maximumConcentration, stoWhere);

        // exchange-current density: BPX j0 = F k (c_e/c_e0 · c/c_max · (1 − c/c_max))^½; PyBaMM's k = k_BPX F / (c_max √c_e0)
        var rateName = $"{domain} electrode reaction rate constant [mol.m-2.s-1]";
        var rateEnergy = $"{domain} electrode reaction rate constant activation energy [J.mol-1]";
        Copy(electrode, "Reaction rate constant [mol.m-2.s-1]", rateName);
        ActivationEnergy(electrode, "Reaction rate constant activation energy [J.mol-1]", rateEnergy);
        MapExchangeCurrent(electrode, $"{domain} electrode exchange-current density [A.m-2]", rateName, rateEnergy, maximumConcentration, initialElectrolyte);

        var diffusivityEnergy = $"{domain} particle diffusivity activation energy [J.mol-1]";
        ActivationEnergy(electrode, "Diffusivity activation energy [J.mol-1]", diffusivityEnergy);
        ArrheniusFunction(electrode, "Diffusivity [m2.s-1]", $"{domain} particle diffusivity [m2.s-1]", diffusivityEnergy);

        PlainFunction(electrode, "OCP [V]", $"{domain} electrode OCP [V]", required: true);
        PlainFunction(electrode, "Entropic change coefficient [V.K-1]", $"{domain} electrode OCP entropic change [V.K-1]", required: false);
        Scalar($"{domain} electrode Bruggeman coefficient (electrode)", 0, electrode.Here); // BPX conductivities are effective already

        foreach (var field in BpxFields.Hysteresis.Where(electrode.Has))
        {
            _notes.Add($"Ignored {domain.ToLowerInvariant()} electrode '{field}' (OCP hysteresis is not modelled; 'OCP [V]' is used).");
        }
    }

    private void MapSeparator(BpxSection separator)
    {
        Copy(separator, "Thickness [m]", "Separator thickness [m]");
        MapPorousLayer(separator, "Separator");
    }

    private void MapPorousLayer(BpxSection section, string layer)
    {
        var porosity = Copy(section, "Porosity", $"{layer} porosity");
        var efficiency = Copy(section, "Transport efficiency", $"{layer} transport efficiency");
        // τ = ε^b  →  b = ln τ / ln ε (PyBaMM ≥ 25.x; earlier versions assumed 1.5)
        Scalar($"{layer} Bruggeman coefficient (electrolyte)", Math.Log(efficiency) / Math.Log(porosity), section.Where("Transport efficiency"));
    }

    private void MapFixedChoices()
    {
        var here = root.Here;
        foreach (var collector in new[] { "Negative", "Positive" })
        {
            // the lumped thermal model needs current collectors; PyBaMM's arbitrary choice
            Scalar($"{collector} current collector thickness [m]", 0, here);
            Scalar($"{collector} current collector conductivity [S.m-1]", 4e7, here);
        }

        Scalar("Thermodynamic factor", 1.0, here);
        Scalar("Number of cells connected in series to make a battery", 1, here);
    }

    private void MapUserDefined(BpxSection userDefined)
    {
        foreach (var key in userDefined.Keys)
        {
            if (key == "description")
            {
                continue;
            }

            var value = userDefined.Value(key)!.Value;
            if (value.ValueKind == JsonValueKind.Number)
            {
                _set.SetScalar(key, userDefined.OptionalNumber(key)!.Value, userDefined.Where(key));
                continue;
            }

            if (!FunctionSignatures.TryGetArguments(key, out var arguments) || arguments.Count != 1)
            {
                throw userDefined.Where(key).Error(
                    $"a user-defined function must be one of the one-variable function parameters{NameSuggestions.DidYouMean(key, FunctionSignatures.Names)}");
            }

            PlainFunction(userDefined, key, key, required: true, replace: true);
        }
    }

    private void MapExchangeCurrent(BpxSection electrode, string name, string rateName, string rateEnergy, double maximumConcentration, double initialElectrolyte)
    {
        // k · arr(E, Tref) · c_e^0.5 · c_s^0.5 · (c_max − c_s)^0.5, arguments (c_e, c_s, c_max, T)
        var k = Div(Mul(Param(rateName), Const(ExpressionDialect.Constants["F"])), Mul(Const(maximumConcentration), Pow(Const(initialElectrolyte), Const(0.5))));
        var body = Mul(Mul(Mul(Mul(k, Arrhenius(rateEnergy, temperature: 3)), Pow(Arg(0), Const(0.5))), Pow(Arg(1), Const(0.5))), Pow(Sub(Arg(2), Arg(1)), Const(0.5)));
        var text = $"param(\"{rateName}\") * F / ({Format(maximumConcentration)} * {Format(initialElectrolyte)}^0.5) * {ArrheniusText(rateEnergy)} * c_e^0.5 * c_s^0.5 * (c_max - c_s)^0.5";
        Function(name, body, text, electrode.Where("Reaction rate constant [mol.m-2.s-1]"));
    }

    /// <summary>name(x, T) = arr(param(energy), param(Tref)) · f(x), f a number, a Python expression of x or a table.</summary>
    private void ArrheniusFunction(BpxSection section, string field, string name, string energy)
    {
        var (reference, referenceText) = ReadFunction(section, field, argument: 0, required: true)!.Value;
        var body = Mul(Arrhenius(energy, temperature: 1), reference);
        FunctionSignatures.TryGetArguments(name, out var arguments);
        // the text is a program of the cell-file language (a cell written back must read the same): BPX's x is
        // bound to the function's own first argument by a definition
        var binding = arguments[0] == "x" || section.Value(field)?.ValueKind != JsonValueKind.String ? "" : $"x = {arguments[0]}; ";
        Function(name, body, $"{binding}{ArrheniusText(energy)} * ({referenceText})", section.Where(field));
    }

    /// <summary>name(x) = f(x): a number becomes a scalar (a constant function), else an expression or a table.</summary>
    private void PlainFunction(BpxSection section, string field, string name, bool required, bool replace = false)
    {
        var value = section.Value(field);
        if (value is { ValueKind: JsonValueKind.Number })
        {
            var number = section.OptionalNumber(field)!.Value;
            if (replace)
            {
                _set.SetScalar(name, number, section.Where(field));
            }
            else
            {
                Scalar(name, number, section.Where(field));
            }

            return;
        }

        if (ReadFunction(section, field, argument: 0, required) is not { } function)
        {
            return;
        }

        if (replace && _set.Contains(name))
        {
            throw section.Where(field).Error($"'{name}' is already defined by the parameterisation");
        }

        Function(name, function.Body, function.Text, section.Where(field));
    }

    /// <summary>A BPX FloatFunctionTable as an expression of argument <paramref name="argument"/>.</summary>
    private (Expr Body, string Text)? ReadFunction(BpxSection section, string field, int argument, bool required)
    {
        if (section.Value(field) is not { } value)
        {
            return required ? throw section.Missing(field) : null;
        }

        var where = section.Where(field);
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                var number = section.OptionalNumber(field)!.Value;
                return (Const(number), Format(number));
            case JsonValueKind.String:
                var text = value.GetString() ?? "";
                try
                {
                    return (ExpressionParser.Parse(text, ExpressionDialect.ForBpx(argument)), text);
                }
                catch (ExpressionException e)
                {
                    throw where.Error(e.Message, e);
                }

            case JsonValueKind.Object:
                var table = ReadTable(value, where);
                return (new TableExpr(table, Arg(argument), 0), $"{(tables == TableInterpolation.Linear ? "ltable" : "table")}({where.Key}, x)");
            default:
                throw where.Error($"expected a number, an expression of x or a table {{\"x\": […], \"y\": […]}}, got {BpxSection.Describe(value)}");
        }
    }

    private PiecewiseCubic ReadTable(JsonElement value, SourceLocation where)
    {
        var names = value.EnumerateObject().Select(p => p.Name).ToList();
        if (names.Count != 2 || !names.Contains("x") || !names.Contains("y"))
        {
            throw where.Error("a table has exactly the fields \"x\" and \"y\" (lists of numbers)");
        }

        var x = Numbers(value.GetProperty("x"), where, "x");
        var y = Numbers(value.GetProperty("y"), where, "y");
        if (x.Length != y.Length || x.Length < 2)
        {
            throw where.Error($"a table needs two lists of the same length (at least 2), got {x.Length} x and {y.Length} y");
        }

        // PyBaMM sorts the points by x
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
        var xs = order.Select(i => x[i]).ToArray();
        var ys = order.Select(i => y[i]).ToArray();
        for (var i = 1; i < xs.Length; i++)
        {
            if (xs[i] == xs[i - 1])
            {
                throw where.Error($"x = {Format(xs[i])} appears twice in the table");
            }
        }

        return tables == TableInterpolation.Linear
            ? TableFit.Linear(xs, ys, $"linear interpolant of {where.Key}")
            : TableFit.NotAKnotCubic(xs, ys, $"cubic spline (not-a-knot) of {where.Key}");
    }

    private static double[] Numbers(JsonElement list, SourceLocation where, string which)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw where.Error($"table \"{which}\" must be a list of numbers");
        }

        return list.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var d) && double.IsFinite(d)
                ? d
                : throw where.Error($"table \"{which}\" holds {BpxSection.Describe(e)}, not a number"))
            .ToArray();
    }

    private void ActivationEnergy(BpxSection section, string field, string name)
    {
        // absent → 0 (no temperature dependence), as PyBaMM
        Scalar(name, section.OptionalNumber(field) ?? 0, section.Has(field) ? section.Where(field) : section.Here);
    }

    private BpxState ReadState(BpxSection? state)
    {
        if (state is null)
        {
            return new BpxState(null, null, null, null, null);
        }

        state.AllowOnly(BpxFields.State);
        var initial = state.OptionalSection("Initial conditions");
        initial?.AllowOnly(BpxFields.InitialConditions);
        var thermal = state.OptionalSection("Thermal state") ?? state.OptionalSection("Thermal environment");
        thermal?.AllowOnly(BpxFields.ThermalState);
        if (state.Has("Degradation"))
        {
            _notes.Add("Ignored State/Degradation (apply ageing through the scenario).");
        }

        var soc = Read(initial, "Initial state-of-charge");
        if (soc is { Value: < 0 or > 1 })
        {
            throw soc.Where.Error($"the initial state-of-charge must lie in [0, 1], got {Format(soc.Value)}");
        }

        return new BpxState(
            soc,
            Read(initial, "Initial temperature [K]"),
            Read(initial, "Initial electrolyte concentration [mol.m-3]"),
            Read(thermal, "Ambient temperature [K]"),
            Read(thermal, "Heat transfer coefficient [W.m-2.K-1]"));

        static Located? Read(BpxSection? section, string field) =>
            section?.OptionalNumber(field) is { } value ? new Located(value, section.Where(field)) : null;
    }

    private double Copy(BpxSection section, string field, params string[] names)
    {
        var value = section.Number(field);
        foreach (var name in names)
        {
            Scalar(name, value, section.Where(field));
        }

        return value;
    }

    private void Scalar(string name, double value, SourceLocation where) => _set.AddScalar(name, value, where);

    private void Function(string name, Expr body, string text, SourceLocation where)
    {
        FunctionSignatures.TryGetArguments(name, out var arguments);
        _set.AddFunction(new FunctionDefinition(name, arguments, text, body, where));
    }

    private static string ArrheniusText(string energy) => $"arr(param(\"{energy}\"), param(\"{ReferenceTemperature}\"))";

    /// <summary>exp(E / R · (1/Tref − 1/T)) with E and Tref as param() references.</summary>
    private static Expr Arrhenius(string energy, int temperature) =>
        new UnaryExpr(
            MathOperation.Exp,
            Mul(Div(Param(energy), Const(ExpressionDialect.Constants["R"])), Sub(Div(Const(1), Param(ReferenceTemperature)), Div(Const(1), Arg(temperature)))),
            0);

    private static Expr Const(double value) => new ConstantExpr(value, 0);

    private static Expr Arg(int index) => new ArgumentExpr(index, 0);

    private static Expr Param(string name) => new ParameterExpr(name, 0);

    private static Expr Mul(Expr a, Expr b) => new BinaryExpr(MathOperation.Multiply, a, b, 0);

    private static Expr Div(Expr a, Expr b) => new BinaryExpr(MathOperation.Divide, a, b, 0);

    private static Expr Sub(Expr a, Expr b) => new BinaryExpr(MathOperation.Subtract, a, b, 0);

    private static Expr Pow(Expr a, Expr b) => new BinaryExpr(MathOperation.Power, a, b, 0);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A number and where it came from.</summary>
    private sealed record Located(double Value, SourceLocation Where);

    /// <summary>What a v1 "State" section says (all optional).</summary>
    private sealed record BpxState(
        Located? InitialSoc,
        Located? InitialTemperature,
        Located? InitialElectrolyteConcentration,
        Located? AmbientTemperature,
        Located? HeatTransferCoefficient);
}
