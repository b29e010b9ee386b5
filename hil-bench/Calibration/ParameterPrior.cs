using System.Globalization;
using ChargeTwin.Cells;

namespace ChargeTwin.HilBench.Calibration;

/// <summary>
/// A Gaussian prior on a fitted parameter in its fit coordinate (maximum a posteriori): u ~ N(ToFit(Value), Sigma_u²),
/// with u = θ for a linear-scale parameter (Sigma_u in natural units) and u = ln θ for a log-scale one (Value the
/// median, Sigma_u = ln of the factor one σ spans). It enters the residual as (u − ToFit(Value))/Sigma_u, unweighted by
/// the data's residual variance, so the covariance at the optimum is the linearised posterior's.
/// </summary>
/// <param name="Name">The fitted parameter it applies to (PyBaMM name).</param>
/// <param name="Value">Prior mean (linear scale) or median (log scale), natural units.</param>
/// <param name="SigmaFit">σ in the fit coordinate.</param>
/// <param name="Scale">The scale the prior was stated on; it must be the fitted parameter's.</param>
/// <param name="Source">The publication and value it comes from, for the cell file's provenance.</param>
/// <param name="Line">The line of the priors file that states it (0: not from a file).</param>
public sealed record ParameterPrior(string Name, double Value, double SigmaFit, FitScale Scale, string Source, int Line = 0)
{
    /// <summary>The prior's mean in the fit coordinate.</summary>
    public double MeanFit => Scale == FitScale.Log ? Math.Log(Value) : Value;

    /// <summary>(u − mean)/σ: the prior's residual at fit coordinate <paramref name="u"/>.</summary>
    public double Residual(double u) => (u - MeanFit) / SigmaFit;

    /// <summary>The prior as the provenance states it: value ± σ (linear) or median ×/÷ factor (log), and its source.</summary>
    public string Describe()
    {
        var spread = Scale == FitScale.Log
            ? string.Create(CultureInfo.InvariantCulture, $"median {Value:G4}, 1σ a factor {Math.Exp(SigmaFit):G3} (log-normal)")
            : string.Create(CultureInfo.InvariantCulture, $"{Value:G4} ± {SigmaFit:G3} (1σ)");
        return $"{Name}: {spread} — {Source}";
    }

    /// <summary>
    /// One prior per fitted parameter at most, each on a fitted parameter of the same scale, its mean inside the
    /// parameter's bounds; returns, in the order of <paramref name="parameters"/>, the index of each prior's parameter.
    /// </summary>
    public static int[] Match(IReadOnlyList<ParameterPrior> priors, IReadOnlyList<CalibrationParameter> parameters, string file)
    {
        ArgumentNullException.ThrowIfNull(priors);
        ArgumentNullException.ThrowIfNull(parameters);
        var index = new int[priors.Count];
        for (var k = 0; k < priors.Count; k++)
        {
            var prior = priors[k];
            var where = prior.Line > 0 ? $"{file}:{prior.Line}" : file;
            var i = Enumerable.Range(0, parameters.Count).FirstOrDefault(j => parameters[j].Name == prior.Name && parameters[j].GroupAmbient_C is null, -1);
            if (i < 0)
            {
                throw new CalibrationInputException($"{where}: prior on '{prior.Name}', which is not fitted (add it with --also-fit, or remove the prior)");
            }

            if (parameters[i].Scale != prior.Scale)
            {
                var expected = parameters[i].Scale == FitScale.Log ? "factor: (it is fitted on a log scale)" : "sigma: (it is fitted on a linear scale)";
                throw new CalibrationInputException($"{where}: prior on '{prior.Name}': expected {expected}");
            }

            if (!(prior.Value >= parameters[i].Lower && prior.Value <= parameters[i].Upper))
            {
                throw new CalibrationInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: prior on '{prior.Name}': its value {prior.Value:G4} lies outside the fit's bounds {parameters[i].Lower:G4}..{parameters[i].Upper:G4}"));
            }

            if (index.Take(k).Contains(i))
            {
                throw new CalibrationInputException($"{where}: a second prior on '{prior.Name}'");
            }

            index[k] = i;
        }

        return index;
    }
}
