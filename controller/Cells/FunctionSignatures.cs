namespace ChargeTwin.Cells;

/// <summary>
/// The functional parameters a cell may define, with their fixed argument lists (PyBaMM's names and
/// argument order). A cell file may define no other function.
/// </summary>
public static class FunctionSignatures
{
    private static readonly string[] Stoichiometry = ["x"];
    private static readonly string[] StoichiometryAndTemperature = ["x", "T"];
    private static readonly string[] ExchangeCurrent = ["c_e", "c_s", "c_max", "T"];
    private static readonly string[] Electrolyte = ["c_e", "T"];

    private static readonly Dictionary<string, string[]> Signatures = new(StringComparer.Ordinal)
    {
        ["Negative electrode OCP [V]"] = Stoichiometry,
        ["Positive electrode OCP [V]"] = Stoichiometry,
        ["Negative electrode OCP entropic change [V.K-1]"] = Stoichiometry,
        ["Positive electrode OCP entropic change [V.K-1]"] = Stoichiometry,
        ["Negative particle diffusivity [m2.s-1]"] = StoichiometryAndTemperature,
        ["Positive particle diffusivity [m2.s-1]"] = StoichiometryAndTemperature,
        ["Negative electrode exchange-current density [A.m-2]"] = ExchangeCurrent,
        ["Positive electrode exchange-current density [A.m-2]"] = ExchangeCurrent,
        ["Electrolyte diffusivity [m2.s-1]"] = Electrolyte,
        ["Electrolyte conductivity [S.m-1]"] = Electrolyte,
        ["Thermodynamic factor"] = Electrolyte,
        ["Negative electrode volume change"] = Stoichiometry,
        ["Positive electrode volume change"] = Stoichiometry,
    };

    /// <summary>Every function name, in a stable order.</summary>
    public static IReadOnlyCollection<string> Names => Signatures.Keys;

    /// <summary>The argument names of function <paramref name="name"/>, or false if it is not a function parameter.</summary>
    public static bool TryGetArguments(string name, out IReadOnlyList<string> arguments)
    {
        if (Signatures.TryGetValue(name, out var found))
        {
            arguments = found;
            return true;
        }

        arguments = [];
        return false;
    }

    /// <summary>True if <paramref name="name"/> is one of the function parameters.</summary>
    public static bool IsFunction(string name) => Signatures.ContainsKey(name);
}
