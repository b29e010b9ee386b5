using System.Text.Json;

namespace ChargeTwin.Cells;

/// <summary>
/// Imports a BPX (Battery Parameter eXchange) JSON file — v0.x as the About:Energy examples, and the
/// v1 layout with a "State" section — into a <see cref="ParameterSet"/> under the same PyBaMM parameter
/// names as our YAML cells, following PyBaMM's own BPX mapping (pybamm/parameters/bpx.py): electrode
/// area → width = height = √area, transport efficiency → Bruggeman exponent ln(τ)/ln(ε), surface area per
/// volume → active-material fraction a·R/3, reaction rate constant → exchange-current density with its
/// Arrhenius factor, diffusivity/conductivity activation energies → arr() factors, lumped thermal
/// properties → every layer, initial concentrations at 100 % SOC (negative at its maximum stoichiometry,
/// positive at its minimum).
/// </summary>
public static class BpxImporter
{
    /// <summary>
    /// Loads the BPX file at <paramref name="path"/>. Tabulated data ({"x": […], "y": […]}) is interpolated
    /// linearly by default, as PyBaMM's BPX import does. Malformed JSON, a missing required field or an
    /// unparseable expression → <see cref="ParameterException"/> naming the file, line and JSON path.
    /// </summary>
    public static ParameterSet Load(string path, TableInterpolation tables = TableInterpolation.Linear)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (tables is not (TableInterpolation.Linear or TableInterpolation.Cubic))
        {
            throw new ArgumentOutOfRangeException(nameof(tables), tables, "BPX tables are interpolated linearly or by cubic splines");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ParameterException($"cannot read the file: {e.Message}", path, null, null, e);
        }

        return Import(bytes, path, path, tables);
    }

    internal static ParameterSet Import(byte[] utf8, string displayName, string source, TableInterpolation tables)
    {
        var lines = JsonLineMap.Build(utf8, displayName);
        using var document = JsonDocument.Parse(utf8);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ParameterException("expected a JSON object with \"Header\" and \"Parameterisation\"", displayName, 1, "$");
        }

        var root = new BpxSection(document.RootElement, "$", displayName, lines);
        return new BpxMapping(root, source, tables).Build();
    }
}
