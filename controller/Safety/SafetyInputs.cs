using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.Controller.Safety;

/// <summary>
/// Everything the safety monitor watches in one of its ticks (every 10 ms on the host), filled in place by whoever
/// runs it — the controller's CAN link on the bench and the host — so that a tick allocates nothing. It holds only
/// what the controller can see: measurements, the power stage's own report, the link's supervision counts, the loop's
/// timing and the estimator's innovation statistic; never the plant's truth. A value that is not available this
/// tick is NaN (doubles) or flagged by its <c>…Lost</c> field.
/// </summary>
public struct SafetyInputs
{
    /// <summary>Monitor tick instant on the controller's clock [ns].</summary>
    public long TimeNs;

    /// <summary>Cell front end (CM frames): the last valid measurement and when it was sampled.</summary>
    public double CellVoltage_V;
    public double CellCurrent_A;
    public double SurfaceTemperature_K;
    public double StackPressure_Pa;
    public long CellSampleNs;

    /// <summary>The front end reports a bad channel (CM MeasStatus ≠ 0).</summary>
    public bool CellChannelBad;

    /// <summary>No valid cell measurement within its E2E timeout.</summary>
    public bool MeasurementLost;

    /// <summary>Power stage (PS_Status): its own measurement of its output, state and fault bits.</summary>
    public double OutputVoltage_V;
    public double OutputCurrent_A;
    public PowerStageState PowerStageState;
    public PowerStageFaults PowerStageFaults;

    /// <summary>No valid PS_Status / PS_Heartbeat within its E2E timeout.</summary>
    public bool StatusLost;
    public bool HeartbeatLost;

    /// <summary>What the controller last commanded (the setpoint in force).</summary>
    public double CommandedCurrent_A;
    public bool CommandedEnable;

    /// <summary>The E2E supervisor's running totals (the monitor differences them).</summary>
    public long CrcErrors;
    public long CounterErrors;
    public long Timeouts;

    /// <summary>Control-loop deadline overruns so far (rt-core's loop accounting; 0 on the bench's virtual clock).</summary>
    public long DeadlineOverruns;

    /// <summary>The estimator's normalised innovation squared for its last voltage update (NaN when it made none).</summary>
    public double InnovationNis;
}
