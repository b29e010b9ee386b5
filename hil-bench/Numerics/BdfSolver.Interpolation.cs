using System.Runtime.InteropServices;

namespace ChargeTwin.HilBench.Numerics;

/// <summary>Dense output: the BDF interpolating polynomial of the last step, in the divided differences φ.</summary>
public sealed partial class BdfSolver
{
    /// <summary>
    /// The k-th derivative of the interpolating polynomial at t (IDAGetDky), 0 ≤ k ≤ the order of the last step;
    /// t within the last step as for <see cref="Interpolate"/>.
    /// </summary>
    public void InterpolateDerivative(double t, int k, Span<double> dky)
    {
        RequireInitialized();
        if (dky.Length != _n)
        {
            throw new ArgumentException($"The output vector must have {_n} entries.", nameof(dky));
        }

        int order = Math.Max(_kUsed, 1);
        if (k < 0 || k > order)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"The derivative order must lie in 0..{order} (the order of the last step).");
        }

        RequireWithinLastStep(t);

        // c_j^(i)(t): coefficients of φ_j in the i-th derivative, built up from i = 0 by the recurrence
        // c_j^(i) = (i·c_(j−1)^(i−1) + (t − t_n + ψ_(j−2))·c_(j−1)^(i)) / ψ_(j−1).
        Span<double> c = stackalloc double[MaxOrderLimit + 2];
        Span<double> cPrevious = stackalloc double[MaxOrderLimit + 2];
        c.Clear();
        cPrevious.Clear();
        double delta = t - _tn;
        for (int i = 0; i <= k; i++)
        {
            double psiBefore;
            if (i == 0)
            {
                c[0] = 1.0;
                psiBefore = 0.0;
            }
            else
            {
                c[i] = c[i - 1] * i / _psi[i - 1];
                psiBefore = _psi[i - 1];
            }

            int last = order - k + i;
            for (int j = i + 1; j <= last; j++)
            {
                c[j] = ((i * cPrevious[j - 1]) + (c[j - 1] * (delta + psiBefore))) / _psi[j - 1];
                psiBefore = _psi[j - 1];
            }

            for (int j = i + 1; j <= last; j++)
            {
                cPrevious[j] = c[j];
            }
        }

        dky.Clear();
        for (int j = k; j <= order; j++)
        {
            double cj = c[j];
            double[] phi = _phi[j];
            for (int i = 0; i < _n; i++)
            {
                dky[i] += cj * phi[i];
            }
        }
    }

    private void RequireWithinLastStep(double t)
    {
        double fuzz = 100.0 * UnitRoundoff * (Math.Abs(_tn) + Math.Abs(_h));
        double earliest = _tn - _hUsed - fuzz;
        if (t < earliest || t > _tn + fuzz)
        {
            throw new ArgumentOutOfRangeException(
                nameof(t),
                t,
                FormattableString.Invariant($"t = {t:R} s lies outside the last step [{_tn - _hUsed:R}, {_tn:R}] s."));
        }
    }

    /// <summary>IDAGetSolution: y(t) = Σ c_j φ_j, y'(t) = Σ d_j φ_j with the order of the last step (1 before it).</summary>
    private void InterpolateUnchecked(double t, Span<double> y, Span<double> yp)
    {
        int order = Math.Max(_kUsed, 1);
        double delta = t - _tn;
        double c = 1.0;
        double d = 0.0;
        double gamma = delta / _psi[0];
        _interpolationC[0] = 1.0;
        for (int j = 1; j <= order; j++)
        {
            d = (d * gamma) + (c / _psi[j - 1]);
            c *= gamma;
            gamma = (delta + _psi[j - 1]) / _psi[j];
            _interpolationC[j] = c;
            _interpolationD[j] = d;
        }

        // Dense output sits on the loop of a caller that samples every few milliseconds between steps: SIMD-wide.
        ArgumentOutOfRangeException.ThrowIfLessThan(y.Length, _n);
        _phi[0].AsSpan(0, _n).CopyTo(y);
        for (int j = 1; j <= order; j++)
        {
            VectorKernels.Axpy(_interpolationC[j], ref MemoryMarshal.GetArrayDataReference(_phi[j]), ref MemoryMarshal.GetReference(y), _n);
        }

        if (yp.IsEmpty)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(yp.Length, _n);
        yp[.._n].Clear();
        for (int j = 1; j <= order; j++)
        {
            VectorKernels.Axpy(_interpolationD[j], ref MemoryMarshal.GetArrayDataReference(_phi[j]), ref MemoryMarshal.GetReference(yp), _n);
        }
    }
}
