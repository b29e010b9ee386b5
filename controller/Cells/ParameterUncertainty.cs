namespace ChargeTwin.Cells;

/// <summary>The coordinate a parameter is fitted in and its covariance refers to: u = ln θ, or u = θ.</summary>
public enum FitScale
{
    Log,
    Linear,
}

/// <summary>One fitted parameter of a cell file's <c>uncertainty:</c> section.</summary>
/// <param name="Name">A scalar of the set (PyBaMM name) or a derived quantity such as "Cell heat capacity [J.K-1]".</param>
/// <param name="Value">The fitted value in natural units.</param>
/// <param name="Scale">The fit coordinate of the covariance.</param>
/// <param name="Sigma">One standard deviation in natural units (linearised: |dθ/du| σ_u).</param>
/// <param name="Lower">Lower bound of the fit.</param>
/// <param name="Upper">Upper bound of the fit.</param>
/// <param name="AtBound">True if the optimum lies on a bound (its interval is then not meaningful).</param>
public sealed record UncertainParameter(string Name, double Value, FitScale Scale, double Sigma, double Lower, double Upper, bool AtBound = false)
{
    /// <summary>θ → u.</summary>
    public double ToFit(double value) => Scale == FitScale.Log ? Math.Log(value) : value;

    /// <summary>u → θ.</summary>
    public double FromFit(double u) => Scale == FitScale.Log ? Math.Exp(u) : u;
}

/// <summary>
/// The <c>uncertainty:</c> section of a calibrated cell file: the fitted parameters, their covariance in the fit
/// coordinates (ln θ or θ, per parameter), the correlation matrix and how it was obtained — what a twin needs to
/// draw parameter samples (<see cref="SampleFitCoordinates"/>).
/// </summary>
public sealed class ParameterUncertainty
{
    public ParameterUncertainty(
        IReadOnlyList<UncertainParameter> parameters,
        double[,] covariance,
        double[,] correlation,
        bool converged,
        string method,
        int residualCount,
        double residualVariance,
        string notes)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentNullException.ThrowIfNull(correlation);
        var n = parameters.Count;
        if (covariance.GetLength(0) != n || covariance.GetLength(1) != n || correlation.GetLength(0) != n || correlation.GetLength(1) != n)
        {
            throw new ArgumentException($"covariance and correlation must be {n}×{n}, one row per parameter");
        }

        Parameters = parameters;
        Covariance = covariance;
        Correlation = correlation;
        Converged = converged;
        Method = method;
        ResidualCount = residualCount;
        ResidualVariance = residualVariance;
        Notes = notes;
    }

    public IReadOnlyList<UncertainParameter> Parameters { get; }

    /// <summary>Covariance of the fit coordinates u (ln θ for log-scale parameters), rows in <see cref="Parameters"/> order.</summary>
    public double[,] Covariance { get; }

    public double[,] Correlation { get; }

    /// <summary>False when the optimiser stopped without meeting its convergence test (the values are its best point).</summary>
    public bool Converged { get; }

    public string Method { get; }

    /// <summary>Number of residuals (m) of the fit.</summary>
    public int ResidualCount { get; }

    /// <summary>s² = residual sum of squares / (m − n), in units of the stated weights.</summary>
    public double ResidualVariance { get; }

    public string Notes { get; }

    /// <summary>Index of <paramref name="name"/> in <see cref="Parameters"/>, or −1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// One draw of the fit coordinates from N(û, Σ) (Cholesky factor of the covariance; semi-definite directions are
    /// treated as exact), returned in natural units in <see cref="Parameters"/> order.
    /// </summary>
    public double[] SampleFitCoordinates(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = Parameters.Count;
        var l = CholeskyLower(Covariance);
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Box–Muller
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            z[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u = Parameters[i].ToFit(Parameters[i].Value);
            for (var j = 0; j <= i; j++)
            {
                u += l[i, j] * z[j];
            }

            values[i] = Parameters[i].FromFit(u);
        }

        return values;
    }

    /// <summary>
    /// The covariance with the parameters that ended on a bound (<see cref="UncertainParameter.AtBound"/>) held at their
    /// value: for the others Σ_ff − Σ_fb Σ_bb⁻¹ Σ_bf, what the fit reports with those fixed — their fitted σ means
    /// nothing, and through their correlations it would leak into the others. The held parameters' rows and columns
    /// are zero. Fit coordinates, <see cref="Parameters"/> order. What the bench's spread draws from and the twin's
    /// prior starts from.
    /// </summary>
    public double[,] CovarianceWithBoundsHeld()
    {
        var m = Parameters.Count;
        var held = Enumerable.Range(0, m).Where(i => Parameters[i].AtBound).ToArray();
        var free = Enumerable.Range(0, m).Where(i => !Parameters[i].AtBound).ToArray();
        var b = held.Length;
        var bb = new double[b, b];
        for (var i = 0; i < b; i++)
        {
            for (var j = 0; j < b; j++)
            {
                bb[i, j] = Covariance[held[i], held[j]];
            }
        }

        // Σ_bb⁻¹ Σ_bf column by column through the Cholesky factor (a direction without variance drops out).
        var l = CholeskyLower(bb);
        var solved = new double[b, free.Length];
        var y = new double[b];
        for (var c = 0; c < free.Length; c++)
        {
            for (var i = 0; i < b; i++)
            {
                var s = Covariance[held[i], free[c]];
                for (var k = 0; k < i; k++)
                {
                    s -= l[i, k] * y[k];
                }

                y[i] = l[i, i] > 0 ? s / l[i, i] : 0;
            }

            for (var i = b - 1; i >= 0; i--)
            {
                var s = y[i];
                for (var k = i + 1; k < b; k++)
                {
                    s -= l[k, i] * solved[k, c];
                }

                solved[i, c] = l[i, i] > 0 ? s / l[i, i] : 0;
            }
        }

        var result = new double[m, m];
        for (var r = 0; r < free.Length; r++)
        {
            for (var c = 0; c < free.Length; c++)
            {
                var correction = 0.0;
                for (var k = 0; k < b; k++)
                {
                    correction += Covariance[free[r], held[k]] * solved[k, c];
                }

                result[free[r], free[c]] = Covariance[free[r], free[c]] - correction;
            }
        }

        return result;
    }

    /// <summary>Lower Cholesky factor; a non-positive pivot (a direction without variance) gives a zero column.</summary>
    internal static double[,] CholeskyLower(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var d = a[j, j];
            for (var k = 0; k < j; k++)
            {
                d -= l[j, k] * l[j, k];
            }

            if (!(d > 1e-300))
            {
                continue;
            }

            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }

                l[i, j] = s / l[j, j];
            }
        }

        return l;
    }
}
