using ChargeTwin.HilBench.Calibration;
using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.HilBench.Tests.Calibration;

/// <summary>Cell files written by the calibration load back to the same set, with their uncertainty section.</summary>
public sealed class CellFileWriterTests
{
    private static readonly ParameterSet OKane = CellLibrary.Load("okane2022");

    private static ParameterUncertainty Uncertainty() => new(
        [
            new UncertainParameter("Contact resistance [Ohm]", 0.012, FitScale.Linear, 0.001, 0, 0.1),
            new UncertainParameter("Negative electrode active material volume fraction", 0.74, FitScale.Log, 0.005, 0.2, 0.99, AtBound: true),
            new UncertainParameter(CalibrationParameter.CellHeatCapacity, 80, FitScale.Log, 2.5, 5, 500),
        ],
        new double[,] { { 1e-6, 2e-7, 0 }, { 2e-7, 4.6e-5, -1e-6 }, { 0, -1e-6, 9.7e-4 } },
        new double[,] { { 1, 0.0295, 0 }, { 0.0295, 1, -0.0047 }, { 0, -0.0047, 1 } },
        converged: true,
        method: "test method",
        residualCount: 1234,
        residualVariance: 1.5,
        notes: "line one\nline two");

    [Fact]
    public void EveryScalarAndFunction_RoundTripsExactly()
    {
        var path = Path.Combine(CalibrationFiles.TempDirectory(), "copy.yaml");
        var tables = CellFileWriter.Write(CellFileDocument.FromSet(OKane), path);
        var copy = CellLibrary.Load(path);

        Assert.Contains(tables, t => t.EndsWith("graphite_LGM50_ocp_Chen2020.csv", StringComparison.Ordinal));
        Assert.Equal(OKane.Names, copy.Names);
        Assert.Equal(OKane.Provenance.TrimEnd(), copy.Provenance.TrimEnd());
        Assert.Equal(OKane.Citations, copy.Citations);
        foreach (var name in OKane.Names)
        {
            if (OKane.TryGetScalar(name, out var value))
            {
                Assert.True(copy.TryGetScalar(name, out var back), name);
                Assert.Equal(value, back);
            }
            else
            {
                var f = OKane.Function(name);
                var g = copy.Function(name);
                Assert.Equal(f.Expression, g.Expression);
                var args = f.Arguments.Select((a, i) => a switch { "T" => 310.0, "c_e" => 900.0, "c_s" => 15000.0, "c_max" => 33133.0, _ => 0.3 }).ToArray();
                Assert.Equal(f.Evaluate(args), g.Evaluate(args));
            }
        }
    }

    [Fact]
    public void ASetOfFunctionsOnly_RoundTrips()
    {
        // found by the cell fuzz harness's round-trip check (issue 29): an empty "parameters:" was written, which reads
        // back as null and was refused
        var path = Path.Combine(CalibrationFiles.TempDirectory(), "functions-only.yaml");
        File.WriteAllText(path, "name: F\nfunctions:\n  \"Negative electrode OCP [V]\": \"0.1 + x\"\n");
        var copyPath = Path.Combine(CalibrationFiles.TempDirectory(), "functions-only-copy.yaml");

        CellFileWriter.Write(CellFileDocument.FromSet(CellLibrary.Load(path)), copyPath);
        var copy = CellLibrary.Load(copyPath);

        Assert.Equal(["Negative electrode OCP [V]"], copy.Names);
        Assert.Equal("0.1 + x", copy.Function("Negative electrode OCP [V]").Expression);
    }

    [Theory]
    [InlineData("carriage\rreturn")]
    [InlineData("quote \" and\u2028line separator")]
    [InlineData("nel\u0085, nul\u0000, tab\t, bom\uFEFF")]
    public void ADescriptionWithAnyLineBreakOrControlCharacter_RoundTrips(string description)
    {
        // found by the cell fuzz harness's round-trip check (issue 29): a '\r' was written raw inside the quotes
        var doc = CellFileDocument.FromSet(OKane);
        doc.Description = description;
        var path = Path.Combine(CalibrationFiles.TempDirectory(), "described.yaml");

        CellFileWriter.Write(doc, path);

        Assert.Equal(description, CellLibrary.Load(path).Description);
    }

    [Fact]
    public void ASmoothedTable_IsCopiedBesideTheCopy_AndReadsTheSame()
    {
        var start = CellLibrary.Load(Path.Combine(CalibrationFiles.RepositoryRoot, "controller", "Cells", "parameter-sets", "lgm50-start.yaml"));
        var path = Path.Combine(CalibrationFiles.TempDirectory(), "start.yaml");
        var tables = CellFileWriter.Write(CellFileDocument.FromSet(start), path);
        var copy = CellLibrary.Load(path).Function("Negative electrode OCP [V]");

        Assert.Contains(tables, t => t.EndsWith("graphite_LGM50_ocp_Chen2020.csv", StringComparison.Ordinal));
        Assert.StartsWith("mtable(", copy.Expression, StringComparison.Ordinal);
        foreach (var x in new[] { 0.01, 0.2, 0.5, 0.9 })
        {
            Assert.Equal(start.Function("Negative electrode OCP [V]").Evaluate([x]), copy.Evaluate([x]));
        }
    }

    [Fact]
    public void UncertaintySection_RoundTrips_AndIsExposedOnTheSet()
    {
        var doc = CellFileDocument.FromSet(OKane);
        doc.Uncertainty = Uncertainty();
        var path = Path.Combine(CalibrationFiles.TempDirectory(), "u.yaml");
        CellFileWriter.Write(doc, path);
        var u = CellLibrary.Load(path).Uncertainty!;

        Assert.NotNull(u);
        Assert.True(u.Converged);
        Assert.Equal("test method", u.Method);
        Assert.Equal(1234, u.ResidualCount);
        Assert.Equal(1.5, u.ResidualVariance);
        Assert.Equal("line one\nline two", u.Notes.TrimEnd());
        Assert.Equal(3, u.Parameters.Count);
        Assert.Equal(Uncertainty().Parameters, u.Parameters);
        Assert.Equal(Uncertainty().Covariance, u.Covariance);
        Assert.Equal(-0.0047, u.Correlation[2, 1]);
        Assert.Equal(1, u.IndexOf("Negative electrode active material volume fraction"));

        // With() keeps the section: it describes the file as calibrated
        var set = CellLibrary.Load(path);
        Assert.Same(set.Uncertainty, set.With("Contact resistance [Ohm]", 0.5).Uncertainty);
        Assert.Null(OKane.Uncertainty);
    }

    [Fact]
    public void Samples_HaveTheFileMeanAndCovariance()
    {
        var u = Uncertainty();
        var random = new Random(3);
        const int n = 20000;
        var draws = Enumerable.Range(0, n).Select(_ => u.SampleFitCoordinates(random)).ToArray();
        var lnEps = draws.Select(d => Math.Log(d[1])).ToArray();
        var heat = draws.Select(d => Math.Log(d[2])).ToArray();

        Assert.Equal(0.012, draws.Average(d => d[0]), 4);
        Assert.Equal(Math.Log(0.74), lnEps.Average(), 3);
        Assert.Equal(Math.Sqrt(4.6e-5), StandardDeviation(lnEps), 3);
        Assert.Equal(Math.Sqrt(9.7e-4), StandardDeviation(heat), 3);
        Assert.True(draws.All(d => d[1] > 0 && d[2] > 0));
    }

    [Theory]
    [InlineData("  parameters:\n    - name: \"Negative electrode thicknes [m]\"\n      value: 1\n      sigma: 0.1\n  covariance:\n    - [1]\n", 6, "uncertainty.parameters.name", "'Negative electrode thicknes [m]' is not a scalar of this file")]
    [InlineData("  parameters:\n    - name: \"Separator porosity\"\n      value: 0.4\n      sigma: 0.1\n  covariance:\n    - [1, 0]\n", 9, "uncertainty.covariance", "row 1 has 2 numbers where the matrix has 1 rows")]
    [InlineData("  parameters:\n    - name: \"Separator porosity\"\n      value: 0.4\n      sigma: 0.1\n      scale: logarithmic\n  covariance:\n    - [1]\n", 9, "uncertainty.parameters.scale", "expected log or linear, got 'logarithmic'")]
    [InlineData("  parametres: []\n", 5, "uncertainty.parametres", "unknown key (did you mean 'parameters'?) (allowed: method, converged, residuals, residual_variance, parameters, covariance, correlation, notes)")]
    [InlineData("  method: x\n", 5, "uncertainty", "needs 'parameters:' (a list) and 'covariance:' (a matrix, one row per parameter)")]
    public void MalformedUncertaintySection_IsOneLineNamingFileLineAndKey(string section, int line, string key, string problem)
    {
        var path = CalibrationFiles.Write("bad.yaml", "name: Bad\nparameters:\n  \"Separator porosity\": 0.47\nuncertainty:\n" + section);
        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load(path));

        Assert.Equal($"{path}:{line}: '{key}': {problem}", error.Message);
    }

    [Fact]
    public void Quote_PicksAQuotingThatReadsBack()
    {
        Assert.Equal("\"plain\"", CellFileWriter.Quote("plain"));
        Assert.Equal("'param(\"A [m]\") * x'", CellFileWriter.Quote("param(\"A [m]\") * x"));
        Assert.Equal("'it''s \"q\"'", CellFileWriter.Quote("it's \"q\""));
        Assert.Equal("1e-05", CellFileWriter.Number(1e-5));
        Assert.Equal("0.1", CellFileWriter.Number(0.1));
    }

    private static double StandardDeviation(double[] x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }
}
