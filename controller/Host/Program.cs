using System.CommandLine;
using ChargeTwin.ControllerHost;

var root = new RootCommand("chargetwin-controller: the ChargeTwin controller host — the digital twin, the charging session and the safety monitor in a real-time loop.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(JitterCommand.Create());
root.Subcommands.Add(SelftestCommand.Create());
return HostCli.Invoke(root, args);
