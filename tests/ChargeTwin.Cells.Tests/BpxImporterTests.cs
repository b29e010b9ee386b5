using System.Text.Json.Nodes;
using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

public sealed class BpxImporterTests
{
    private const double R = 8.314462618;
    private const double F = 96485.33212;

    private static readonly ParameterSet Lfp = CellLibrary.Load(TestFiles.LfpBpx);

    [Fact]
    public void LfpExample_Loads_WithEveryParameterTheDfnNeeds()
    {
        Assert.Equal("lfp_18650_cell_BPX", Lfp.Name);
        Assert.Equal(TestFiles.LfpBpx, Lfp.Source);
        Assert.StartsWith("Parameterisation example of an LFP|graphite 2 Ah", Lfp.Description, StringComparison.Ordinal);
        var missing = DfnParameterNames.Scalars.Where(n => !Lfp.TryGetScalar(n, out _)).ToList();
        Assert.True(missing.Count == 0, string.Join("; ", missing));
        Assert.All(DfnParameterNames.Functions, f => Assert.True(Lfp.TryGetFunction(f, out _), f));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void LfpOcps_MatchTheJsonExpressions(double x)
    {
        // the JSON's Python expressions, evaluated here in plain C#
        var negative = 5.29210878e+01 * Math.Exp(-1.72699386e+02 * x) - 1.17963399e+03
            + 1.20956356e+03 * Math.Tanh(6.72033948e+01 * (x + 2.44746396e-02))
            + 4.52430314e-02 * Math.Tanh(-1.47542326e+01 * (x - 1.62746053e-01))
            + 2.01855800e+01 * Math.Tanh(-2.46666302e+01 * (x - 1.12986136e+00))
            + 2.01708039e-02 * Math.Tanh(-1.19900231e+01 * (x - 5.49773440e-01))
            + 4.99616805e+01 * Math.Tanh(-6.11370883e+01 * (x + 4.69382558e-03));
        var positive = 3.41285712e+00 - 1.49721852e-02 * x + 3.54866018e+14 * Math.Exp(-3.95729493e+02 * x)
            - 1.45998465e+00 * Math.Exp(-1.10108622e+02 * (1 - x));
        var negativeEntropic = (-0.1112 * x + 0.02914 + 0.3561 * Math.Exp(-Math.Pow(x - 0.08309, 2) / 0.004616)) / 1000;

        Assert.Equal(negative, Lfp.Function("Negative electrode OCP [V]").Evaluate([x]), 1e-10);
        Assert.Equal(positive, Lfp.Function("Positive electrode OCP [V]").Evaluate([x]), 1e-12);
        Assert.Equal(negativeEntropic, Lfp.Function("Negative electrode OCP entropic change [V.K-1]").Evaluate([x]), 1e-16);
    }

    [Fact]
    public void LfpOcps_AreSensible()
    {
        // BPX places each electrode's minimum and maximum stoichiometry where the full cell's OCV reaches the
        // file's cut-offs (3.65 V and 2.0 V); the file's OCP fits give 3.6486 V and 2.00000 V there.
        var un = Lfp.Function("Negative electrode OCP [V]");
        var up = Lfp.Function("Positive electrode OCP [V]");
        var full = up.Evaluate([0.0875]) - un.Evaluate([0.82258]);
        var empty = up.Evaluate([0.95038]) - un.Evaluate([0.0016261]);

        Assert.Equal(3.65, full, 0.005);
        Assert.Equal(2.0, empty, 0.005);
    }

    [Fact]
    public void TabulatedEntropicChange_IsInterpolatedLinearly_AsPyBamm()
    {
        var f = Lfp.Function("Positive electrode OCP entropic change [V.K-1]");

        Assert.Equal(0.0001, f.Evaluate([0.0]), 1e-18);
        Assert.Equal(-1.3966e-05, f.Evaluate([0.3]), 1e-18);
        Assert.Equal((-1.3966e-05 + -2.3528e-05) / 2, f.Evaluate([0.325]), 1e-18);
        Assert.Equal((-0.00010921 + -0.00022539) / 2, f.Evaluate([0.975]), 1e-18);
    }

    [Fact]
    public void CubicOption_InterpolatesTabulatedDataBySplines()
    {
        var cubic = BpxImporter.Load(TestFiles.LfpBpx, TableInterpolation.Cubic).Function("Positive electrode OCP entropic change [V.K-1]");

        Assert.Equal(-1.3966e-05, cubic.Evaluate([0.3]), 1e-18);
        Assert.NotEqual((-1.3966e-05 + -2.3528e-05) / 2, cubic.Evaluate([0.325]), 1e-12);
    }

    [Fact]
    public void ElectrodeArea_IsHeightTimesWidth()
    {
        var area = Lfp.Scalar("Electrode area [m2]");

        Assert.Equal(0.08959998, area);
        Assert.Equal(area, Lfp.Scalar("Electrode height [m]") * Lfp.Scalar("Electrode width [m]"), area * 1e-15);
    }

    [Fact]
    public void DerivedScalars_FollowPyBammsMapping()
    {
        Assert.Equal(473004 * 4.8e-06 / 3, Lfp.Scalar("Negative electrode active material volume fraction"), 1e-15);
        Assert.Equal(4418460 * 5e-07 / 3, Lfp.Scalar("Positive electrode active material volume fraction"), 1e-15);
        Assert.Equal(Math.Log(0.09395) / Math.Log(0.20666), Lfp.Scalar("Negative electrode Bruggeman coefficient (electrolyte)"), 1e-15);
        Assert.Equal(Math.Log(0.3222) / Math.Log(0.47), Lfp.Scalar("Separator Bruggeman coefficient (electrolyte)"), 1e-15);
        Assert.Equal(0.82258 * 31400, Lfp.Scalar("Initial concentration in negative electrode [mol.m-3]"), 1e-9);
        Assert.Equal(0.0875 * 21200, Lfp.Scalar("Initial concentration in positive electrode [mol.m-3]"), 1e-9);
        Assert.Equal(1000, Lfp.Scalar("Initial concentration in electrolyte [mol.m-3]"));
        Assert.Equal(0.00431, Lfp.Scalar("Cell cooling surface area [m2]"));
        Assert.Equal(1.7e-05, Lfp.Scalar("Cell volume [m3]"));
        Assert.Equal(2, Lfp.Scalar("Current function [A]"));
        Assert.Equal(1940, Lfp.Scalar("Separator density [kg.m-3]"));
        Assert.Equal(999, Lfp.Scalar("Positive current collector specific heat capacity [J.kg-1.K-1]"));
        Assert.Equal(0, Lfp.Scalar("Total heat transfer coefficient [W.m-2.K-1]"));
        Assert.Equal(0, Lfp.Scalar("Negative electrode Bruggeman coefficient (electrode)"));
        Assert.Equal(1.0, Lfp.Function("Thermodynamic factor").Evaluate([1000, 298.15]));
    }

    [Theory]
    [InlineData(263.15)]
    [InlineData(298.15)]
    [InlineData(318.15)]
    public void ExchangeCurrentDensity_IsBpxsDefinition(double t)
    {
        // BPX: j0 = F k (c_e/c_e0 · c/c_max · (1 − c/c_max))^½ · exp(E/R (1/Tref − 1/T))
        double ce = 1200, cs = 9000, cmax = 21200;
        var expected = F * 9.736e-07 * Math.Sqrt(ce / 1000 * (cs / cmax) * (1 - cs / cmax)) * Math.Exp(35000 / R * (1 / 298.15 - 1 / t));

        Assert.Equal(expected, Lfp.Function("Positive electrode exchange-current density [A.m-2]").Evaluate([ce, cs, cmax, t]), expected * 1e-12);
    }

    [Theory]
    [InlineData(263.15)]
    [InlineData(318.15)]
    public void DiffusivitiesAndConductivity_CarryTheirActivationEnergies(double t)
    {
        double Arrhenius(double e) => Math.Exp(e / R * (1 / 298.15 - 1 / t));

        Assert.Equal(9.6e-15 * Arrhenius(30000), Lfp.Function("Negative particle diffusivity [m2.s-1]").Evaluate([0.5, t]), 1e-27);
        Assert.Equal(6.873e-17 * Arrhenius(80000), Lfp.Function("Positive particle diffusivity [m2.s-1]").Evaluate([0.5, t]), 1e-29);
        Assert.Equal((0.1297 - 2.51 + 3.329) * Arrhenius(17100), Lfp.Function("Electrolyte conductivity [S.m-1]").Evaluate([1000, t]), 1e-12);
        Assert.Equal((8.794e-11 - 3.972e-10 + 4.862e-10) * Arrhenius(17100), Lfp.Function("Electrolyte diffusivity [m2.s-1]").Evaluate([1000, t]), 1e-22);
    }

    [Fact]
    public void With_AnActivationEnergy_ReachesTheGeneratedFunction()
    {
        var isothermal = Lfp.With("Negative electrode reaction rate constant activation energy [J.mol-1]", 0);
        var j0 = isothermal.Function("Negative electrode exchange-current density [A.m-2]");

        Assert.Equal(j0.Evaluate([1000, 15000, 31400, 298.15]), j0.Evaluate([1000, 15000, 31400, 263.15]), 1e-12);
        Assert.NotEqual(
            Lfp.Function("Negative electrode exchange-current density [A.m-2]").Evaluate([1000, 15000, 31400, 263.15]),
            j0.Evaluate([1000, 15000, 31400, 263.15]));
    }

    [Fact]
    public void BpxAndYamlSets_ShareTheFunctionSignatures()
    {
        var yaml = CellLibrary.Load("okane2022");
        foreach (var name in DfnParameterNames.Functions)
        {
            Assert.Equal(yaml.Function(name).Arguments, Lfp.Function(name).Arguments);
        }
    }

    // ---- malformed files ----

    private static JsonNode Example() => JsonNode.Parse(File.ReadAllText(TestFiles.LfpBpx))!;

    private static ParameterException ImportFails(string json, out string path)
    {
        path = TestFiles.Write("bad_bpx.json", json);
        var file = path;
        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load(file));
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    [Fact]
    public void MalformedJson_IsRejectedWithItsLine()
    {
        var text = File.ReadAllText(TestFiles.LfpBpx);
        var broken = text.Replace("\"Porosity\": 0.47,", "\"Porosity\": 0.47,,", StringComparison.Ordinal);
        var line = broken[..broken.IndexOf(",,", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = ImportFails(broken, out var path);

        Assert.StartsWith($"{path}:{line}: malformed JSON:", error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void BytesThatAreNotUtf8_AreRejectedAtTheirLineAndColumn()
    {
        // found by the bpx fuzz harness (issue 29): an invalid byte in a key escaped as InvalidOperationException
        var text = File.ReadAllText(TestFiles.LfpBpx);
        var at = text.IndexOf("\"Porosity\"", StringComparison.Ordinal) + 3;
        var bytes = System.Text.Encoding.UTF8.GetBytes(text[..at]).Concat(new byte[] { 0xFF }).Concat(System.Text.Encoding.UTF8.GetBytes(text[at..])).ToArray();
        var path = Path.Combine(TestFiles.TempDirectory(), "not_utf8.json");
        File.WriteAllBytes(path, bytes);
        var line = text[..at].Count(c => c == '\n') + 1;
        var column = at - text[..at].LastIndexOf('\n');

        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load(path));

        Assert.Equal($"{path}:{line}: malformed JSON: not UTF-8 text (byte 0xFF at column {column})", error.Message);
    }

    [Fact]
    public void MalformedJson_QuotingTextOverSeveralLines_IsOneLine()
    {
        // found by the bpx fuzz harness: the reader's message quoted the text it stopped at, line ends included
        var text = File.ReadAllText(TestFiles.LfpBpx);

        var error = ImportFails("n" + text[1..], out var path);

        Assert.StartsWith($"{path}:1: malformed JSON: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, error.Message.ReplaceLineEndings(""));
    }

    [Fact]
    public void MissingRequiredField_NamesItsJsonPath()
    {
        var json = Example();
        json["Parameterisation"]!["Separator"]!.AsObject().Remove("Porosity");

        var error = ImportFails(json.ToJsonString(), out var path);

        Assert.Equal($"{path}:1: $.Parameterisation.Separator.Porosity: missing required field", error.Message);
        Assert.Equal("$.Parameterisation.Separator.Porosity", error.Key);
    }

    [Fact]
    public void MissingRequiredField_InAnIndentedFile_GivesTheLineOfItsSection()
    {
        var text = File.ReadAllText(TestFiles.LfpBpx).Replace("\"Cation transference number\": 0.259,", "", StringComparison.Ordinal);
        var line = text[..text.IndexOf("\"Electrolyte\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = ImportFails(text, out var path);

        Assert.Equal($"{path}:{line}: $.Parameterisation.Electrolyte['Cation transference number']: missing required field", error.Message);
    }

    [Fact]
    public void UnparseableExpression_NamesJsonPathLineAndColumn()
    {
        var text = File.ReadAllText(TestFiles.LfpBpx).Replace(
            "\"3.41285712e+00 - 1.49721852e-02 * x", "\"3.41285712e+00 - 1.49721852e-02 * y", StringComparison.Ordinal);
        var line = text[..text.IndexOf("* y", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = ImportFails(text, out var path);

        Assert.Equal($"{path}:{line}: $.Parameterisation['Positive electrode']['OCP [V]']: column 35: unknown name 'y' (the variable is x)", error.Message);
    }

    [Fact]
    public void CaretInBpxExpression_IsRejected_BecausePythonReadsItAsXor()
    {
        var json = Example();
        json["Parameterisation"]!["Electrolyte"]!["Diffusivity [m2.s-1]"] = "8.794e-11 * (x / 1000) ^ 2";

        var error = ImportFails(json.ToJsonString(), out _);

        Assert.EndsWith("$.Parameterisation.Electrolyte['Diffusivity [m2.s-1]']: column 24: '^' is not a power in Python syntax (it is bitwise xor); write '**'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_IsRejected()
    {
        var json = Example();
        json["Parameterisation"]!["Cell"]!["Nominal cell capacity [A.h]"] = "2 Ah";

        var error = ImportFails(json.ToJsonString(), out _);

        Assert.EndsWith("$.Parameterisation.Cell['Nominal cell capacity [A.h]']: expected a number, got the string \"2 Ah\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownField_IsRejectedWithCloseNames()
    {
        var json = Example();
        json["Parameterisation"]!["Separator"]!["Porosty"] = 0.4;

        var error = ImportFails(json.ToJsonString(), out _);

        Assert.EndsWith("$.Parameterisation.Separator.Porosty: unknown field (did you mean 'Porosity'?)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKey_IsRejected()
    {
        var text = File.ReadAllText(TestFiles.LfpBpx).Replace("\"Porosity\": 0.47,", "\"Porosity\": 0.47, \"Porosity\": 0.5,", StringComparison.Ordinal);

        var error = ImportFails(text, out _);

        Assert.EndsWith("$.Parameterisation.Separator.Porosity: duplicate key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlendedElectrode_IsRejected()
    {
        var json = Example();
        json["Parameterisation"]!["Negative electrode"]!["Particle"] = new JsonObject();

        var error = ImportFails(json.ToJsonString(), out _);

        Assert.EndsWith("$.Parameterisation['Negative electrode'].Particle: blended electrodes (several particle materials) are not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void V1StateSection_SetsTemperaturesSocAndHeatTransfer()
    {
        var json = Example();
        var cell = json["Parameterisation"]!["Cell"]!.AsObject();
        cell.Remove("Ambient temperature [K]");
        cell.Remove("Initial temperature [K]");
        json["Parameterisation"]!["Electrolyte"]!.AsObject().Remove("Initial concentration [mol.m-3]");
        json["State"] = JsonNode.Parse("""
            {
              "Initial conditions": { "Initial state-of-charge": 0.5, "Initial temperature [K]": 288.15,
                                      "Initial electrolyte concentration [mol.m-3]": 1100 },
              "Thermal state": { "Ambient temperature [K]": 293.15, "Heat transfer coefficient [W.m-2.K-1]": 12.5 }
            }
            """);
        var path = TestFiles.Write("v1.json", json.ToJsonString());

        var set = CellLibrary.Load(path);

        Assert.Equal(288.15, set.Scalar("Initial temperature [K]"));
        Assert.Equal(293.15, set.Scalar("Ambient temperature [K]"));
        Assert.Equal(12.5, set.Scalar("Total heat transfer coefficient [W.m-2.K-1]"));
        Assert.Equal(1100, set.Scalar("Initial concentration in electrolyte [mol.m-3]"));
        Assert.Equal(((0.82258 - 0.0016261) * 0.5 + 0.0016261) * 31400, set.Scalar("Initial concentration in negative electrode [mol.m-3]"), 1e-9);
        Assert.Equal((0.95038 - (0.95038 - 0.0875) * 0.5) * 21200, set.Scalar("Initial concentration in positive electrode [mol.m-3]"), 1e-9);
    }

    [Fact]
    public void SpmModel_IsRejected()
    {
        var json = Example();
        json["Header"]!["Model"] = "SPM";

        var error = ImportFails(json.ToJsonString(), out _);

        Assert.EndsWith("$.Header.Model: model 'SPM' is not supported: the plant needs a DFN (or SPMe) parameterisation", error.Message, StringComparison.Ordinal);
    }
}
