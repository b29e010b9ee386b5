using ChargeTwin.Controller.Twin.Estimation;
using ChargeTwin.Controller.Twin.Model;

namespace ChargeTwin.Controller.Twin;

/// <summary>
/// The reduced-order cell as the Kalman filter sees it — an error-state model on <see cref="TwinSubspace"/>: the
/// full mean state is kept here and moved by <see cref="ReducedCellModel.Step"/> at the period's mean measured
/// current (<see cref="BeginPeriod"/>, <see cref="EndPeriod"/>); the filter's state is a correction z in the
/// subspace, zero after every <see cref="Fold"/>. Propagate(z) = B⁺(f(x + B z) − f(x)); the channels are terminal
/// voltage (0) and surface temperature (1) at x + B z.
/// </summary>
internal sealed class TwinFilterModel : IFilterModel
{
    public const int VoltageChannel = 0;
    public const int TemperatureChannel = 1;
    private readonly ReducedCellModel _model;
    private readonly TwinSubspace _subspace;
    private readonly double[] _next;
    private readonly double[] _a;
    private readonly double[] _b;

    public TwinFilterModel(ReducedCellModel model, TwinSubspace subspace)
    {
        _model = model;
        _subspace = subspace;
        var n = model.Layout.StateCount;
        Full = new double[n];
        _next = new double[n];
        _a = new double[n];
        _b = new double[n];
    }

    /// <summary>The full mean state of the reduced model.</summary>
    public double[] Full { get; }

    /// <summary>Current through the step being propagated [A], charge positive.</summary>
    public double Current_A { get; set; }

    /// <summary>Current flowing at the measurement instant [A].</summary>
    public double MeasurementCurrent_A { get; set; }

    public double Ambient_K { get; set; }

    public int StateCount => _subspace.Count;

    public int MeasurementCount => 2;

    /// <summary>Moves the mean over the period (before the filter's prediction differentiates around it).</summary>
    public void BeginPeriod(double dt_s) => _model.Step(Full, Current_A, Ambient_K, dt_s, _next);

    /// <summary>Takes the moved mean as the new mean.</summary>
    public void EndPeriod() => _next.CopyTo(Full, 0);

    /// <summary>Adds the filter's correction to the mean; the caller then sets the filter's z to zero.</summary>
    public void Fold(ReadOnlySpan<double> z)
    {
        _subspace.Apply(Full, z, _a);
        _a.CopyTo(Full, 0);
    }

    public void Propagate(ReadOnlySpan<double> state, double dt_s, Span<double> next)
    {
        // At the mean (z = 0, the filter's own call) the answer is zero: BeginPeriod has already stepped the mean.
        if (!state.ContainsAnyExcept(0.0))
        {
            next.Clear();
            return;
        }

        _subspace.Apply(Full, state, _a);
        _model.Step(_a, Current_A, Ambient_K, dt_s, _b);
        for (var i = 0; i < _b.Length; i++)
        {
            _b[i] -= _next[i];
        }

        _subspace.Project(_b, next);

        // The sensors' biases are constants.
        next[_subspace.VoltageBias] = state[_subspace.VoltageBias];
        next[_subspace.TemperatureBias] = state[_subspace.TemperatureBias];
    }

    public void Measure(ReadOnlySpan<double> state, Span<double> predicted)
    {
        _subspace.Apply(Full, state, _a);
        _model.Evaluate(_a, MeasurementCurrent_A, Ambient_K, out var o);
        predicted[VoltageChannel] = o.Voltage_V + state[_subspace.VoltageBias];
        predicted[TemperatureChannel] = o.SurfaceTemperature_K + state[_subspace.TemperatureBias];
    }

    public double Scale(int index) => _subspace.Scale(index);
}
