namespace ChargeTwin.HilBench.Link;

/// <summary>
/// What crossed the link in one scenario, both directions together. On the direct link every count is 0.
/// </summary>
/// <param name="FramesSent">Frames sent by the bench (front end, power stage) and by the controller.</param>
/// <param name="FramesAccepted">Frames the receivers' E2E supervision accepted.</param>
/// <param name="E2EErrors">Frames the supervision rejected (CRC, counter, DLC, unknown id …).</param>
/// <param name="Timeouts">Entries into timeout of a supervised message (each episode once).</param>
/// <param name="LostFrames">Frames missing from accepted counter sequences.</param>
/// <param name="RangeErrors">Values that did not fit their DBC signal (a scenario ends in Error at the first).</param>
public readonly record struct LinkStatistics(long FramesSent, long FramesAccepted, long E2EErrors, long Timeouts, long LostFrames, long RangeErrors)
{
    public static LinkStatistics None { get; } = default;

    /// <summary>The counts of two runs together (a campaign's total).</summary>
    public static LinkStatistics operator +(LinkStatistics a, LinkStatistics b) => new(
        a.FramesSent + b.FramesSent, a.FramesAccepted + b.FramesAccepted, a.E2EErrors + b.E2EErrors, a.Timeouts + b.Timeouts, a.LostFrames + b.LostFrames, a.RangeErrors + b.RangeErrors);
}
