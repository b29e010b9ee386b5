using System.CommandLine;
using ChargeTwin.Cells;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.Bench;

/// <summary>The options that choose and configure the plant, shared by the commands that simulate.</summary>
public sealed class PlantArguments
{
    /// <summary>The LG M50 calibrated to the shared measured rate tests (controller/Cells/parameter-sets/lgm50.yaml); okane2022 stays available.</summary>
    public const string DefaultCell = CellLibrary.DefaultId;

    public Option<string> Cell { get; } = new("--cell") { Description = "cell: lgm50 (calibrated LG M50), okane2022, ai2020, ecker2015, or a cell .yaml / BPX .json file", DefaultValueFactory = _ => DefaultCell };
    public Option<double?> AmbientC { get; } = new("--ambient-C") { Description = "ambient (and initial) temperature [°C] (default: the cell file's)" };
    public Option<string> Thermal { get; } = new("--thermal") { Description = "thermal model: lumped or isothermal", DefaultValueFactory = _ => "lumped" };
    public Option<string> Plating { get; } = new("--plating") { Description = "plating model: partially-reversible, reversible, irreversible or none", DefaultValueFactory = _ => "partially-reversible" };
    public Option<string> Sei { get; } = new("--sei") { Description = "SEI growth: solvent-diffusion, reaction or none", DefaultValueFactory = _ => "solvent-diffusion" };
    public Option<int> Volumes { get; } = new("--volumes") { Description = "finite volumes in each of negative electrode, separator, positive electrode", DefaultValueFactory = _ => 20 };
    public Option<int> Shells { get; } = new("--shells") { Description = "shells per particle", DefaultValueFactory = _ => 20 };
    public Option<double> Lli { get; } = new("--lli") { Description = "ageing: lithium-inventory loss fraction", DefaultValueFactory = _ => 0.0 };
    public Option<double> LamNegative { get; } = new("--lam-neg") { Description = "ageing: negative active-material loss fraction", DefaultValueFactory = _ => 0.0 };
    public Option<double> LamPositive { get; } = new("--lam-pos") { Description = "ageing: positive active-material loss fraction", DefaultValueFactory = _ => 0.0 };
    public Option<double> ResistanceGrowth { get; } = new("--resistance-growth-ohm") { Description = "ageing: added series resistance [Ω]", DefaultValueFactory = _ => 0.0 };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Cell, AmbientC, Thermal, Plating, Sei, Volumes, Shells, Lli, LamNegative, LamPositive, ResistanceGrowth })
        {
            command.Options.Add(o);
        }
    }

    public (DfnParameters Parameters, ModelOptions Options) Build(ParseResult parse, double? ambientOverride_C = null)
    {
        var set = CellLibrary.Load(parse.GetValue(Cell)!);
        var ageing = new AgeingState(parse.GetValue(Lli), parse.GetValue(LamNegative), parse.GetValue(LamPositive), parse.GetValue(ResistanceGrowth));
        try
        {
            ageing.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException($"ageing: {e.Message.Split(Environment.NewLine)[0]}");
        }

        var ambientC = ambientOverride_C ?? parse.GetValue(AmbientC);
        if (ambientC is { } a && !(a > -60 && a < 120))
        {
            throw new UsageException($"--ambient-C {a}: expected a temperature between −60 and 120 °C");
        }

        double? ambientK = ambientC is { } c ? c + PhysicalConstants.ZeroCelsius_K : null;
        var volumes = parse.GetValue(Volumes);
        var shells = parse.GetValue(Shells);
        if (volumes < 2 || volumes > 400 || shells < 3 || shells > 400)
        {
            throw new UsageException($"mesh: --volumes must be 2–400 and --shells 3–400 (got {volumes} and {shells})");
        }

        var options = new ModelOptions
        {
            Thermal = parse.GetValue(Thermal) switch
            {
                "lumped" => ThermalModel.Lumped,
                "isothermal" => ThermalModel.Isothermal,
                var other => throw new UsageException($"--thermal '{other}': expected lumped or isothermal"),
            },
            Plating = parse.GetValue(Plating) switch
            {
                "partially-reversible" => PlatingModel.PartiallyReversible,
                "reversible" => PlatingModel.Reversible,
                "irreversible" => PlatingModel.Irreversible,
                "none" => PlatingModel.None,
                var other => throw new UsageException($"--plating '{other}': expected partially-reversible, reversible, irreversible or none"),
            },
            Sei = parse.GetValue(Sei) switch
            {
                "solvent-diffusion" => SeiModel.SolventDiffusionLimited,
                "reaction" => SeiModel.ReactionLimited,
                "none" => SeiModel.None,
                var other => throw new UsageException($"--sei '{other}': expected solvent-diffusion, reaction or none"),
            },
            NegativeVolumes = volumes,
            SeparatorVolumes = volumes,
            PositiveVolumes = volumes,
            NegativeShells = shells,
            PositiveShells = shells,
        };
        return (new DfnParameters(set, ageing, ambientK, ambientK), options);
    }
}
