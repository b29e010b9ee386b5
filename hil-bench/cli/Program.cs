using System.CommandLine;
using ChargeTwin.Bench;

var root = new RootCommand("chargetwin-bench: the ChargeTwin bench — a physics-based (DFN) cell, its validation and the campaigns that measure controllers against its hidden truth.");
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(CampaignCommand.Create());
root.Subcommands.Add(CalibrateCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(HilCommand.Create());
return Cli.Invoke(root, args);
