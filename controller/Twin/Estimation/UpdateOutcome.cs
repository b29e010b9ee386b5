namespace ChargeTwin.Controller.Twin.Estimation;

/// <summary>What became of one measurement offered to the filter.</summary>
public enum UpdateOutcome
{
    /// <summary>Used: the state and covariance were corrected.</summary>
    Accepted,

    /// <summary>Not a finite number: never reached the filter.</summary>
    NotFinite,

    /// <summary>Outside the channel's physical range: never reached the filter.</summary>
    OutOfRange,

    /// <summary>Finite and in range, but its innovation lay beyond the gate (|ν| &gt; g·√S): skipped.</summary>
    Gated,
}
