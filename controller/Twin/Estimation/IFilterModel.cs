namespace ChargeTwin.Controller.Twin.Estimation;

/// <summary>
/// What an <see cref="ExtendedKalmanFilter"/> needs of a model: its state count, how a state moves over a step
/// (inputs such as the current are set on the model before the call) and what each measurement channel would
/// read at a state. Both are called with perturbed states to form finite-difference Jacobians, so they must be
/// pure functions of their arguments and the inputs set beforehand, and must not allocate.
/// </summary>
public interface IFilterModel
{
    int StateCount { get; }

    int MeasurementCount { get; }

    /// <summary>The state after <paramref name="dt_s"/> from <paramref name="state"/> (the spans do not alias).</summary>
    void Propagate(ReadOnlySpan<double> state, double dt_s, Span<double> next);

    /// <summary>Every channel's predicted reading at <paramref name="state"/>.</summary>
    void Measure(ReadOnlySpan<double> state, Span<double> predicted);

    /// <summary>A typical magnitude of state <paramref name="index"/>: the finite-difference step is a small fraction of it.</summary>
    double Scale(int index);
}
