using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// Draws a cell's parameters from its calibration's <c>uncertainty:</c> section: the fit coordinates u (ln θ or θ)
/// from N(û, Σ), mapped back and clamped to the fit's bounds. A parameter that ended on a bound (<c>at_bound</c>) has
/// no meaningful σ — the data push it further — so it is held at its fitted value, and the others are drawn from
/// their distribution conditional on it (<see cref="ParameterUncertainty.CovarianceWithBoundsHeld"/>).
/// </summary>
public sealed class CellParameterSampler
{
    private readonly ParameterUncertainty _free;

    public CellParameterSampler(ParameterUncertainty uncertainty)
    {
        ArgumentNullException.ThrowIfNull(uncertainty);
        var free = Enumerable.Range(0, uncertainty.Parameters.Count).Where(i => !uncertainty.Parameters[i].AtBound).ToArray();
        var held = Enumerable.Range(0, uncertainty.Parameters.Count).Where(i => uncertainty.Parameters[i].AtBound).ToArray();
        var parameters = free.Select(i => uncertainty.Parameters[i]).ToList();
        var conditional = uncertainty.CovarianceWithBoundsHeld();
        var covariance = new double[free.Length, free.Length];
        for (var i = 0; i < free.Length; i++)
        {
            for (var j = 0; j < free.Length; j++)
            {
                covariance[i, j] = conditional[free[i], free[j]];
            }
        }

        _free = new ParameterUncertainty(parameters, covariance, new double[free.Length, free.Length], uncertainty.Converged, uncertainty.Method, 0, double.NaN, "");
        Held = [.. held.Select(i => uncertainty.Parameters[i])];
    }

    /// <summary>The parameters that are drawn, in the order <see cref="Draw"/> returns them.</summary>
    public IReadOnlyList<UncertainParameter> Drawn => _free.Parameters;

    /// <summary>The parameters held at their fitted value (on a bound).</summary>
    public IReadOnlyList<UncertainParameter> Held { get; }

    /// <summary>The covariance the free parameters are drawn from (fit coordinates, <see cref="Drawn"/> order).</summary>
    public double[,] Covariance => _free.Covariance;

    /// <summary>One draw of the free parameters in natural units, each within its fit bounds.</summary>
    public IReadOnlyList<DrawnParameter> Draw(BenchRandom random)
    {
        var values = _free.SampleFitCoordinates(new BenchRandomSource(random));
        return [.. _free.Parameters.Select((p, i) => new DrawnParameter(p, Math.Clamp(values[i], p.Lower, p.Upper)))];
    }

}
