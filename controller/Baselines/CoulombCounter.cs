using ChargeTwin.Controller.Contract;

namespace ChargeTwin.Controller.Baselines;

/// <summary>
/// SOC by counting measured charge against the nominal (datasheet) capacity, with a σ that grows from the
/// plug-in SOC's σ by the assumed current-sensor bias and capacity uncertainty:
/// σ² = σ₀² + (σ_bias t / 3600 Q)² + (σ_Q/Q · ΔSOC)². It cannot know that an aged cell has lost capacity —
/// which is what the coverage metric is there to show.
/// </summary>
public sealed class CoulombCounter(double initialSoc, double initialSigma, double nominalCapacity_Ah, double currentBiasSigma_A = 0.01, double capacityRelativeSigma = 0.02)
{
    private double _lastTime = double.NaN;
    private double _lastCurrent;

    /// <summary>Counted charge since the start [A h].</summary>
    public double Charge_Ah { get; private set; }

    public double Elapsed_s { get; private set; }

    public void Update(in MeasuredSample m)
    {
        if (!double.IsNaN(_lastTime))
        {
            var dt = m.Time_s - _lastTime;
            Charge_Ah += 0.5 * (_lastCurrent + m.Current_A) * dt / 3600;
            Elapsed_s += dt;
        }

        _lastTime = m.Time_s;
        _lastCurrent = m.Current_A;
    }

    public Estimate Soc
    {
        get
        {
            var delta = Charge_Ah / nominalCapacity_Ah;
            var bias = currentBiasSigma_A * Elapsed_s / 3600 / nominalCapacity_Ah;
            var capacity = capacityRelativeSigma * Math.Abs(delta);
            return new Estimate(initialSoc + delta, Math.Sqrt(initialSigma * initialSigma + bias * bias + capacity * capacity));
        }
    }
}
