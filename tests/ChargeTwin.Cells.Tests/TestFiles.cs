namespace ChargeTwin.Cells.Tests;

/// <summary>Paths in the repository and scratch files for the parameter tests.</summary>
internal static class TestFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChargeTwin.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ChargeTwin.sln not found above the test binaries");
    });

    public static string RepositoryRoot => Root.Value;

    public static string Cells => Path.Combine(RepositoryRoot, "controller", "Cells", "parameter-sets");

    public static string LfpBpx => Path.Combine(Cells, "bpx", "lfp_18650", "lfp_18650_cell_BPX.json");

    /// <summary>A fresh directory under the system temp folder.</summary>
    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "chargetwin-params-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in a fresh directory and returns the path.</summary>
    public static string Write(string name, string text, string? directory = null)
    {
        var path = Path.Combine(directory ?? TempDirectory(), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// A fresh directory with <paramref name="csv"/> as ocp/t.csv and a cell file whose negative OCP is
    /// <paramref name="expression"/> (which reads "ocp/t.csv"); returns the cell file's path.
    /// </summary>
    public static string OcpTableCell(string csv, string expression)
    {
        var directory = TempDirectory();
        Write(Path.Combine("ocp", "t.csv"), csv, directory);
        return Write("cell.yaml", Cell(functions: $"  \"Negative electrode OCP [V]\": '{expression}'\n"), directory);
    }

    /// <summary>A minimal valid cell file with extra lines under parameters: and functions:.</summary>
    public static string Cell(string parameters = "", string functions = "", string extraTopLevel = "") =>
        "name: TestCell\n" +
        "description: \"a cell for tests\"\n" +
        extraTopLevel +
        "parameters:\n" +
        "  \"Negative electrode thickness [m]\": 8.52e-05\n" +
        "  \"Maximum concentration in positive electrode [mol.m-3]\": 63104.0\n" +
        parameters +
        "functions:\n" +
        "  \"Negative particle diffusivity [m2.s-1]\": \"3.3e-14 * arr(30300, 298.15)\"\n" +
        functions;

    /// <summary>Loads a one-function cell file and returns that function.</summary>
    public static ChargeTwin.Cells.CellFunction Function(string name, string expression, string parameters = "")
    {
        var path = Write("cell.yaml", Cell(parameters, $"  \"{name}\": '{expression}'\n"));
        return ChargeTwin.Cells.CellLibrary.Load(path).Function(name);
    }
}
