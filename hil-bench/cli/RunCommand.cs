using System.CommandLine;
using System.Globalization;
using ChargeTwin.HilBench.Campaigns;

namespace ChargeTwin.Bench;

/// <summary>
/// <c>chargetwin-bench run</c> (what <c>make run</c> does): the demo campaign (hil-bench/campaign-files/demo.yaml,
/// copied beside the build) — the default cell at 0, 10, 25 and 40 °C, fresh and aged, 10 → 80 % SOC, CC-CV 1C vs
/// multi-stage CC vs pressure-triggered CC vs the oracle — then its summary table and the report's path.
/// </summary>
public static class RunCommand
{
    public static string DemoCampaign => Path.Combine(AppContext.BaseDirectory, "campaigns", "demo.yaml");

    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "output folder (the report goes to <out>/<campaign name>)", DefaultValueFactory = _ => "out" };
        var campaignFile = new Option<string?>("--campaign") { Description = "campaign file (default: the demo campaign shipped with the bench)" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "scenarios run in parallel (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var link = CampaignCommand.LinkOption();
        var command = new Command("run", "The main job: run the demo campaign (CC-CV 1C vs multi-stage CC vs pressure-triggered CC vs the oracle, 0–40 °C, fresh and aged) and write its report.");
        command.Options.Add(output);
        command.Options.Add(campaignFile);
        command.Options.Add(jobs);
        command.Options.Add(link);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(campaignFile) ?? DemoCampaign;
            string name;
            try
            {
                name = CampaignLoader.Load(file, CampaignCommand.ParseLink(parse.GetValue(link))).Name;
            }
            catch (CampaignException e)
            {
                Console.Error.WriteLine($"chargetwin-bench: {e.Message}");
                return Cli.BadInput;
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"chargetwin-bench: {e.Message}");
                return Cli.BadInput;
            }

            var dir = Path.Combine(parse.GetValue(output)!, name);
            string[] args = ["campaign", "run", file, "--out", dir, "--jobs", parse.GetValue(jobs).ToString(CultureInfo.InvariantCulture), .. parse.GetValue(link) is { } l ? new[] { "--link", l } : []];
            var root = new RootCommand { Subcommands = { CampaignCommand.Create() } };
            return Cli.Invoke(root, args);
        });
        return command;
    }
}
