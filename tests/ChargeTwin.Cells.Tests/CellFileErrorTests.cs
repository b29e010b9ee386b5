using ChargeTwin.Cells;
using Xunit;

namespace ChargeTwin.Cells.Tests;

/// <summary>Every user error in a cell file gives one line naming the file, the line and the key.</summary>
public sealed class CellFileErrorTests
{
    private const string Header = "name: Bad\n"; // line 1

    private static ParameterException LoadFails(string yaml, out string path)
    {
        path = TestFiles.Write("bad.yaml", yaml);
        var file = path;
        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load(file));
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    [Theory]
    [InlineData("1.11e\\f10", "column 5: malformed number '1.11e '")]
    [InlineData("param('a\\u2028b')", "column 1: param(\"a b\"): this cell has no such scalar parameter")]
    public void AnExpressionQuotingALineEnd_IsRefusedOnOneLine(string expression, string detail)
    {
        // found by the expression fuzz harness (issue 29): the lexer quoted a form feed, breaking the message
        var error = LoadFails(Header + $"functions:\n  \"Negative electrode OCP [V]\": \"{expression}\"\n", out var path);

        Assert.Equal($"{path}:3: 'Negative electrode OCP [V]': {detail}", error.Message);
        Assert.Equal(error.Message, error.Message.ReplaceLineEndings(""));
    }

    [Fact]
    public void UnknownTopLevelKey_NamesFileLineAndKey()
    {
        var error = LoadFails(Header + "descripton: x\n", out var path);

        Assert.Equal($"{path}:2: 'descripton': unknown top-level key (did you mean 'description'?) (allowed: name, description, citations, provenance, parameters, functions, uncertainty)", error.Message);
        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal("descripton", error.Key);
    }

    [Fact]
    public void NonNumericParameter_NamesFileLineAndKey()
    {
        var error = LoadFails(Header + "parameters:\n  \"Separator porosity\": 0.47\n  \"Negative electrode porosity\": abc\n", out var path);

        Assert.Equal($"{path}:4: 'Negative electrode porosity': expected a number, got 'abc'", error.Message);
    }

    [Fact]
    public void QuotedNumberAsParameter_IsRejected()
    {
        var error = LoadFails(Header + "parameters:\n  \"Separator porosity\": \"0.47\"\n", out var path);

        Assert.StartsWith($"{path}:3: 'Separator porosity': expected a number, got the string \"0.47\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListAsParameter_IsRejected()
    {
        var error = LoadFails(Header + "parameters:\n  \"Separator porosity\": [0.47, 0.5]\n", out var path);

        Assert.Equal($"{path}:3: 'Separator porosity': expected a number, got a list", error.Message);
    }

    [Fact]
    public void DuplicateKey_NamesTheSecondOccurrence()
    {
        var error = LoadFails(Header + "parameters:\n  \"Separator porosity\": 0.47\n  \"Separator porosity\": 0.5\n", out var path);

        Assert.Equal($"{path}:4: 'Separator porosity': duplicate key", error.Message);
    }

    [Fact]
    public void SameNameInParametersAndFunctions_IsRejected()
    {
        var error = LoadFails(
            Header + "parameters:\n  \"Thermodynamic factor\": 1.0\nfunctions:\n  \"Thermodynamic factor\": \"1 + c_e/1000\"\n", out var path);

        Assert.Equal($"{path}:5: 'Thermodynamic factor': defined twice (first at line 3)", error.Message);
    }

    [Fact]
    public void UnknownFunctionName_ListsCloseNames()
    {
        var error = LoadFails(Header + "functions:\n  \"Negative particle diffusivity [m2.s]\": \"3.3e-14\"\n", out var path);

        Assert.Equal($"{path}:3: 'Negative particle diffusivity [m2.s]': not a function parameter (did you mean 'Negative particle diffusivity [m2.s-1]' or 'Positive particle diffusivity [m2.s-1]'?)", error.Message);
    }

    [Fact]
    public void FarOffFunctionName_ListsAllFunctionNames()
    {
        var error = LoadFails(Header + "functions:\n  \"Cracking rate\": \"3.9e-20\"\n", out var path);

        Assert.StartsWith($"{path}:3: 'Cracking rate': not a function parameter (the function names are: Negative electrode OCP [V];", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNameInExpression_GivesColumnAndTheArguments()
    {
        var error = LoadFails(Header + "functions:\n  \"Negative particle diffusivity [m2.s-1]\": \"3.3e-14 * arr(30300, Tt)\"\n", out var path);

        Assert.Equal($"{path}:3: 'Negative particle diffusivity [m2.s-1]': column 22: unknown name 'Tt' (arguments are x, T)", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal("Negative particle diffusivity [m2.s-1]", error.Key);
    }

    [Theory]
    [InlineData("3 *", "column 4: unexpected end of expression")]
    [InlineData("exp(x", "column 6: expected ')' or ',', found the end of the expression")]
    [InlineData("x % 2", "column 3: unexpected character '%'")]
    [InlineData("(x + 1))", "column 8: unexpected ')'")]
    [InlineData("x x", "column 3: unexpected 'x'")]
    [InlineData("tanh(x, 2)", "column 1: tanh() takes 1 argument, got 2")]
    [InlineData("tnh(x)", "column 1: unknown function 'tnh' (did you mean 'tanh' or 'sinh'?)")]
    [InlineData("gamma(x)", "column 1: unknown function 'gamma' (functions are abs, arr, cosh, exp, log, log10, ltable, max, min, mtable, param, pow, sinh, sqrt, table, tanh)")]
    [InlineData("arr(30000, 298.15) * x", "column 1: arr(E, Tref) needs the temperature T, which is not an argument of this function (arguments are x)")]
    [InlineData("1.2.3", "column 4: unexpected '.3'")]
    [InlineData("2e+", "column 2: malformed number '2e+'")]
    [InlineData("a = 2; x = a; x", "column 8: 'x' is an argument and cannot be redefined")]
    [InlineData("x; 2", "column 2: unexpected ';': only definitions 'name = expression;' may come before the final expression")]
    [InlineData("param(x)", "column 7: param() needs a quoted name first, e.g. param(\"Exact parameter name [unit]\")")]
    [InlineData("param('Separator porosty') * x", "column 1: param(\"Separator porosty\"): this cell has no such scalar parameter (did you mean 'Separator porosity'?)")]
    [InlineData("", "column 1: empty expression")]
    public void MalformedExpression_GivesOneLineWithColumn(string expression, string expected)
    {
        var yaml = Header + "parameters:\n  \"Separator porosity\": 0.47\nfunctions:\n  \"Negative electrode OCP [V]\": \"" + expression + "\"\n";
        var error = LoadFails(yaml, out var path);

        Assert.Equal($"{path}:5: 'Negative electrode OCP [V]': {expected}", error.Message);
    }

    [Fact]
    public void MissingTableFile_NamesWhereItWasLookedFor()
    {
        var error = LoadFails(Header + "functions:\n  \"Negative electrode OCP [V]\": 'table(\"ocp/missing.csv\", x)'\n", out var path);

        Assert.Equal($"{path}:3: 'Negative electrode OCP [V]': table file 'ocp/missing.csv' not found (looked for {Path.Combine(Path.GetDirectoryName(path)!, "ocp/missing.csv")})", error.Message);
    }

    [Fact]
    public void BadTableLine_NamesTheTableFileAndLine()
    {
        var directory = TestFiles.TempDirectory();
        var table = TestFiles.Write(Path.Combine("ocp", "bad.csv"), "# x, y\n0, 1\n0.5; 2\n1, 3\n", directory);
        var path = TestFiles.Write("bad.yaml", Header + "functions:\n  \"Negative electrode OCP [V]\": 'table(\"ocp/bad.csv\", x)'\n", directory);

        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load(path));

        Assert.Equal($"{table}:3: expected two numbers (x, y), got '0.5; 2'", error.Message);
    }

    [Fact]
    public void TableWithDecreasingX_IsRejected()
    {
        var directory = TestFiles.TempDirectory();
        var table = TestFiles.Write("t.csv", "0, 1\n0.5, 2\n0.5, 3\n", directory);
        var path = TestFiles.Write("bad.yaml", Header + "functions:\n  \"Negative electrode OCP [V]\": 'ltable(\"t.csv\", x)'\n", directory);

        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load(path));

        Assert.Equal($"{table}:3: x must increase strictly from line to line (0.5 after 0.5)", error.Message);
    }

    [Fact]
    public void YamlSyntaxError_NamesFileAndLine()
    {
        var error = LoadFails(Header + "parameters:\n  \"Separator porosity\": [0.47\n", out var path);

        // The '[' of line 3 is never closed; the YAML parser finds that where the input ends, on line 4.
        Assert.StartsWith($"{path}:4: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("YAML syntax error", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void MissingName_IsAnError()
    {
        var error = LoadFails("parameters:\n  \"Separator porosity\": 0.47\n", out var path);

        Assert.Equal($"{path}:1: missing 'name:' (the cell's name, e.g. name: OKane2022)", error.Message);
    }

    [Fact]
    public void UnknownCellId_ListsTheKnownOnes()
    {
        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load("foo"));

        Assert.Equal("unknown cell 'foo' (known: okane2022, ai2020, ecker2015, lgm50, or a path to a .yaml or BPX .json file)", error.Message);
        Assert.Null(error.File);
    }

    [Fact]
    public void MissingCellFile_IsNamed()
    {
        var path = Path.Combine(TestFiles.TempDirectory(), "nothere.yaml");

        var error = Assert.Throws<ParameterException>(() => CellLibrary.Load(path));

        Assert.Equal($"{path}: file not found", error.Message);
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void UnsupportedExtension_IsRejected()
    {
        var path = TestFiles.Write("cell.txt", "name: x\n");

        Assert.Equal($"{path}: not a cell file: expected a .yaml/.yml cell file or a BPX .json file",
            Assert.Throws<ParameterException>(() => CellLibrary.Load(path)).Message);
    }

    [Fact]
    public void ValidCellFile_WithTablesBesideIt_Loads()
    {
        var directory = TestFiles.TempDirectory();
        TestFiles.Write(Path.Combine("ocp", "t.csv"), "0 1\n1 0\n", directory);
        var path = TestFiles.Write("good.yml",
            "name: Good\ncitations: [\"A2020\", \"B2021\"]\nprovenance: |\n  measured\nparameters:\n  \"Separator porosity\": 0.47\nfunctions:\n  \"Negative electrode OCP [V]\": 'ltable(\"ocp/t.csv\", x)'\n",
            directory);

        var set = CellLibrary.Load(path);

        Assert.Equal("Good", set.Name);
        Assert.Equal(path, set.Source);
        Assert.Equal(["A2020", "B2021"], set.Citations);
        Assert.Equal("measured\n", set.Provenance);
        Assert.Equal(0.25, set.Function("Negative electrode OCP [V]").Evaluate([0.75]), 1e-15);
    }
}
