using ChargeTwin.ControllerHost.Config;

namespace ChargeTwin.Controller.Tests.Host;

public sealed class HostConfigTests
{
    [Fact]
    public void EveryExampleConfig_Loads_WithWhatItSays()
    {
        var folder = Path.Combine(RepositoryRoot(), "controller", "config");
        var files = Directory.GetFiles(folder, "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var config = HostConfigLoader.LoadFile(file);
            Assert.Equal("lgm50", config.Cell);
            Assert.Equal(10_000_000L, config.TickNs);
            Assert.Equal(1_000_000_000L, config.ControlPeriodNs);
        }

        var pi = HostConfigLoader.LoadFile(Path.Combine(folder, "socketcan-pi.yaml"));
        Assert.Equal(LinkTransport.SocketCan, pi.Transport);
        Assert.Equal((80, true, 3), (pi.FifoPriority, pi.LockMemory, pi.Cpu));
        Assert.Equal("/var/log/chargetwin/frames.log", pi.FramesLog);
        var udp = HostConfigLoader.LoadFile(Path.Combine(folder, "udp-loopback.yaml"));
        Assert.Equal((47101, 47100, 0.8), (udp.Local.Port, udp.Remote.Port, udp.TargetSoc));
        Assert.Equal(Path.Combine(folder, "decisions.csv"), udp.DecisionsLog);
    }

    [Fact]
    public void AnEmptyConfig_IsTheDefaults()
    {
        Assert.Equal(new HostConfig(), HostConfigLoader.Parse("", "empty.yaml", "/"));
    }

    [Theory]
    [InlineData("loop:\n  tick_ms: 0\n", "x.yaml:2: loop.tick_ms:")]
    [InlineData("link:\n  interface: \"can 0\"\n", "x.yaml:2: link.interface: 'can 0': expected a network interface name")]
    [InlineData("cell: lgm50\ncell: ai2020\n", "x.yaml:2: cell:")]
    [InlineData("charger: 15\n", "x.yaml:1: charger:")]
    [InlineData("a: 1\n---\nb: 2\n", "x.yaml:3: one document expected")]
    public void ABadConfig_IsOneLineNamingFileLineAndField(string text, string expected)
    {
        var e = Assert.Throws<HostConfigException>(() => HostConfigLoader.Parse(text, "x.yaml", "/"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChargeTwin.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("no ChargeTwin.sln above the test binary");
    }
}
