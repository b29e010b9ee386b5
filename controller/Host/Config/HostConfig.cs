using System.Net;

namespace ChargeTwin.ControllerHost.Config;

/// <summary>Which transport carries the DBC protocol to the power stage and the cell front end.</summary>
public enum LinkTransport
{
    /// <summary>One CAN frame per UDP datagram (the bench in real-time HIL, or a gateway).</summary>
    Udp,

    /// <summary>A Linux SocketCAN interface (can0 …).</summary>
    SocketCan,
}

/// <summary>
/// What <c>chargetwin-controller run</c> wires together (controller/config/*.yaml): the cell file, the charge, the
/// charger's ratings, the twin, the loop and its real-time requests, the power-stage link, the diagnosis table, the
/// logs and the safe stop. Paths are already resolved against the config file's folder.
/// </summary>
public sealed record HostConfig
{
    /// <summary>An embedded cell id (lgm50 …) or a cell file.</summary>
    public string Cell { get; init; } = "lgm50";

    /// <summary>Nominal capacity [A h]; null: the cell file's.</summary>
    public double? Capacity_Ah { get; init; }

    /// <summary>The operator's state-of-charge estimate at the start, with its σ (the twin's prior).</summary>
    public double InitialSoc { get; init; } = 0.2;

    public double InitialSocSigma { get; init; } = 0.05;

    /// <summary>The host stops the charge (safely) once the twin's SOC estimate reaches this; null: run to Complete.</summary>
    public double? TargetSoc { get; init; }

    public double ChargerMaxCurrent_A { get; init; } = 15;

    public double ChargerMaxVoltage_V { get; init; } = 4.2;

    /// <summary>The ramp every setpoint asks the power stage for [A/s].</summary>
    public double Ramp_APerS { get; init; } = 15;

    /// <summary>The twin's margin in σ.</summary>
    public double K { get; init; } = 2;

    /// <summary>The loop's tick: link, supervision and safety monitor run every tick [ns].</summary>
    public long TickNs { get; init; } = 10_000_000L;

    /// <summary>The solver (the twin's decision) runs every this many ticks.</summary>
    public int SolverDivisor { get; init; } = 100;

    public int? FifoPriority { get; init; }

    public bool LockMemory { get; init; }

    public int? Cpu { get; init; }

    public LinkTransport Transport { get; init; } = LinkTransport.Udp;

    /// <summary>UDP: where this end listens.</summary>
    public IPEndPoint Local { get; init; } = new(IPAddress.Loopback, 47101);

    /// <summary>UDP: where the power stage / bench listens.</summary>
    public IPEndPoint Remote { get; init; } = new(IPAddress.Loopback, 47100);

    /// <summary>SocketCAN: the interface.</summary>
    public string Interface { get; init; } = "can0";

    /// <summary>The protocol (DBC); null: protocol/chargetwin.dbc beside the binary.</summary>
    public string? Dbc { get; init; }

    /// <summary>The diagnosis table; null: the embedded one.</summary>
    public string? DiagnosisTable { get; init; }

    /// <summary>A candump log of the bus as the controller saw it (the input of <c>replay</c>); null: none.</summary>
    public string? FramesLog { get; init; }

    /// <summary>A CSV of every decision; null: none.</summary>
    public string? DecisionsLog { get; init; }

    /// <summary>How long a safe stop waits for the power stage to report its output off [ns].</summary>
    public long SafeStopTimeoutNs { get; init; } = 1_000_000_000L;

    /// <summary>The control period [ns].</summary>
    public long ControlPeriodNs => TickNs * SolverDivisor;
}
