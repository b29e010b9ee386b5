namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>
/// Page's one-sided CUSUM for an upward shift of a standardised residual (Page 1954, "Continuous inspection
/// schemes", Biometrika 41:100–115): S ← max(0, S + r − k), alarm when S ≥ h. The alarm latches with the time and
/// counted charge at which it first fired; S goes on accumulating after it.
/// </summary>
public sealed class PageCusum(double drift, double threshold)
{
    public double Drift { get; } = drift;

    public double Threshold { get; } = threshold;

    /// <summary>The CUSUM statistic S ≥ 0.</summary>
    public double Statistic { get; private set; }

    public bool Alarm { get; private set; }

    /// <summary>Time of the first alarm [s]; NaN before it.</summary>
    public double AlarmTime_s { get; private set; } = double.NaN;

    /// <summary>Counted charge at the first alarm [A h]; NaN before it.</summary>
    public double AlarmCharge_Ah { get; private set; } = double.NaN;

    public void Update(double residual, double time_s, double charge_Ah)
    {
        Statistic = Math.Max(0, Statistic + residual - Drift);
        if (!Alarm && Statistic >= Threshold)
        {
            Alarm = true;
            AlarmTime_s = time_s;
            AlarmCharge_Ah = charge_Ah;
        }
    }

    public void Reset()
    {
        Statistic = 0;
        Alarm = false;
        AlarmTime_s = double.NaN;
        AlarmCharge_Ah = double.NaN;
    }
}
