using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.FirmwareInterface.Tests;

/// <summary>The shipped DBC, parsed once for the tests that only read it.</summary>
internal static class TestProtocol
{
    public static DbcDatabase Database { get; } = DbcParser.ParseFile(ChargerProtocol.DefaultDbcPath);

    /// <summary>A fresh protocol instance (it owns transmit counters, so each test gets its own).</summary>
    public static ChargerProtocol Create() => new(Database);
}
