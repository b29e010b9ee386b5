using System.CommandLine;
using ChargeTwin.ControllerHost;

namespace ChargeTwin.Controller.Tests.Host;

public sealed class SelftestCommandTests
{
    [Fact]
    public void Selftest_PassesOnThisMachine_ClosingTheLoopWithTheTwinTheSessionAndTheMonitor()
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(SelftestCommand.Create());

        Assert.Equal(HostCli.Ok, HostCli.Invoke(root, ["selftest"]));
    }
}
