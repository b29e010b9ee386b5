namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>
/// What every plating detector reports each control period, and the residual test behind it
/// (<see cref="SlopeResidualCusum"/>): the pressure and the voltage detector differ only in what they compare.
/// </summary>
public abstract class PlatingDetector
{
    private protected PlatingDetector(ResidualCusumOptions options, double sign) => Test = new SlopeResidualCusum(options, sign);

    /// <summary>Plating evidence: the CUSUM statistic, ≥ 0, in units of the residual's σ.</summary>
    public double Evidence => Test.Cusum.Statistic;

    /// <summary>Latched: true from the first period the evidence reached the threshold until a reset.</summary>
    public bool Alarm => Test.Cusum.Alarm;

    /// <summary>Counted charge at the alarm [A h]; NaN before it.</summary>
    public double AlarmCharge_Ah => Test.Cusum.AlarmCharge_Ah;

    /// <summary>Time of the alarm [s]; NaN before it.</summary>
    public double AlarmTime_s => Test.Cusum.AlarmTime_s;

    /// <summary>The last standardised residual (NaN while the detector cannot form one).</summary>
    public double Residual => Test.Residual;

    /// <summary>Updates skipped because an input was NaN or infinite.</summary>
    public int Rejected { get; private protected set; }

    private protected SlopeResidualCusum Test { get; }
}
