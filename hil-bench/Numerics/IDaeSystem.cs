namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// A semi-explicit index-1 DAE in residual form F(t, y, y') = 0, as SUNDIALS IDA states it.
/// The system only states its equations; the integrator knows nothing of what they model.
/// </summary>
public interface IDaeSystem
{
    /// <summary>Size and Jacobian structure (banded block plus dense border).</summary>
    JacobianLayout Layout { get; }

    /// <summary>True for a differential component (its y' appears in F), false for an algebraic one.</summary>
    ReadOnlySpan<bool> IsDifferential { get; }

    /// <summary>Writes F(t, y, y') into <paramref name="residual"/>. Must not allocate.</summary>
    void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual);

    /// <summary>
    /// Adds ∂F/∂y + cj·∂F/∂y' into <paramref name="jacobian"/> (cleared by the caller).
    /// Returns false when the system has no analytic Jacobian; the integrator then uses finite differences.
    /// </summary>
    bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian);

    /// <summary>Number of root (event) functions g(t, y, y').</summary>
    int RootCount { get; }

    /// <summary>Writes the root functions; an event is a sign change of one of them.</summary>
    void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g);
}
