using ChargeTwin.Cells;
using ChargeTwin.Controller.Safety;
using ChargeTwin.ControllerHost.Config;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.ControllerHost.Wiring;

/// <summary>The files a configuration names, read and checked: the config itself, the cell, the protocol and the diagnosis table.</summary>
public sealed record HostInputs(HostConfig Config, ParameterSet Cell, ChargerProtocol Protocol, DiagnosisTable Table)
{
    /// <summary>Reads them all; a problem in any is one line naming file and place (<see cref="HostInputException"/>).</summary>
    public static HostInputs Load(string configPath)
    {
        try
        {
            var config = HostConfigLoader.LoadFile(configPath);
            var cell = CellLibrary.Load(config.Cell);
            var protocol = config.Dbc is { } dbc ? ChargerProtocol.Load(dbc) : ChargerProtocol.LoadDefault();
            var table = config.DiagnosisTable is { } path ? DiagnosisTableLoader.LoadFile(path) : DiagnosisTable.Default;
            return new HostInputs(config, cell, protocol, table);
        }
        catch (Exception e) when (e is HostConfigException or ParameterException or DbcFormatException or DiagnosisTableException or IOException)
        {
            throw new HostInputException(e.Message.Split('\n')[0]);
        }
    }
}

/// <summary>An input file the host cannot use: one line, exit 2.</summary>
public sealed class HostInputException(string message) : Exception(message);
