using System.CommandLine;
using ChargeTwin.ControllerHost;

namespace ChargeTwin.Controller.Tests.Host;

public sealed class JitterCommandTests
{
    private static int Invoke(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(JitterCommand.Create());
        return HostCli.Invoke(root, args);
    }

    [Theory]
    [InlineData("jitter", "--period-us", "10")]
    [InlineData("jitter", "--period-us", "-1000")]
    [InlineData("jitter", "--cycles", "0")]
    [InlineData("jitter", "--cycles", "many")]
    [InlineData("jitter", "--fifo")]
    [InlineData("jitter", "--speed", "1")]
    public void BadArguments_ExitWithTwo(params string[] args) => Assert.Equal(HostCli.BadInput, Invoke(args));

    [Fact]
    public void AShortMeasurement_RunsAndExitsWithZero_WhateverTheRealTimeRequestsGet() =>
        Assert.Equal(HostCli.Ok, Invoke("jitter", "--period-us", "1000", "--cycles", "50", "--fifo", "80", "--cpu", "0"));
}
