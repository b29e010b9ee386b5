namespace ChargeTwin.Controller.Twin.Model;

public sealed partial class ReducedCellModel
{
    private const double StoichiometryClip = 1e-10;
    private readonly ParticleShells _negativeParticle;
    private readonly ParticleShells _positiveParticle;
    private readonly double[] _lower;
    private readonly double[] _diagonal;
    private readonly double[] _upper;
    private readonly double[] _work;
    private readonly double[] _work2;
    private readonly double[] _edgeResidual;
    private readonly double[] _edgeTrial;
    private readonly double[] _conductance;
    private readonly double[] _shellDiffusivity;

    // Implicit Euler's end-of-step shells as z = free + j · response (linear in the surface flux j).
    private readonly double[] _negativeFree;
    private readonly double[] _negativeResponse;
    private readonly double[] _positiveFree;
    private readonly double[] _positiveResponse;

    /// <summary>Each particle's start surface and, for a step, its implicit end-of-step response to its flux.</summary>
    private void PrepareParticles(ReadOnlySpan<double> state, in AppliedParameters ap, double temperature_K, double dt_s)
    {
        var sn = Layout.NegativeShells;
        for (var k = 0; k < _nn; k++)
        {
            PrepareParticle(_negativeParticle, Parameters.Negative, ap.NegativeDiffusivityScale, state.Slice(Layout.NegativeShell(k, 0), sn),
                temperature_K, dt_s, _negativeFree.AsSpan(k * sn, sn), _negativeResponse.AsSpan(k * sn, sn), ref _negative[k]);
        }

        PrepareParticle(_positiveParticle, Parameters.Positive, ap.PositiveDiffusivityScale, state.Slice(Layout.PositiveParticleStart, Layout.PositiveShells),
            temperature_K, dt_s, _positiveFree, _positiveResponse, ref _positive);
    }

    /// <summary>
    /// Fickian diffusion in finite-volume shells, ∂x/∂t = r⁻² ∂/∂r(r² D ∂x/∂r), −D ∂x/∂r = j/(F c_max) at r = R, by
    /// implicit Euler: (V_k/Δt) (x'_k − x_k) = fluxes of x'. Solves for the zero-flux end state and for the response to
    /// a unit flux with one factorisation; D at the start state, harmonic means at the shell edges (the plant's scheme).
    /// </summary>
    private void PrepareParticle(ParticleShells mesh, TwinElectrode e, double scale, ReadOnlySpan<double> x, double temperature_K, double dt_s,
        Span<double> free, Span<double> response, ref VolumeKinetics k)
    {
        var n = mesh.Count;
        k.Surface = mesh.Surface(x);
        if (dt_s == 0)
        {
            k.Response = 0;
            return;
        }

        Span<double> args = stackalloc double[2];
        args[1] = temperature_K;
        var g = _conductance.AsSpan(0, n);
        if (e.DiffusivityDependsOnStoichiometry)
        {
            for (var s = 0; s < n; s++)
            {
                args[0] = Math.Clamp(x[s], StoichiometryClip, 1 - StoichiometryClip);
                _shellDiffusivity[s] = scale * e.Diffusivity.Evaluate(args);
            }

            for (var s = 0; s < n - 1; s++)
            {
                var d0 = _shellDiffusivity[s];
                var d1 = _shellDiffusivity[s + 1];
                g[s] = mesh.EdgeArea[s + 1] * (2 * d0 * d1 / (d0 + d1)) / mesh.Spacing_m;
            }
        }
        else
        {
            args[0] = 0.5;
            var d = scale * e.Diffusivity.Evaluate(args);
            for (var s = 0; s < n - 1; s++)
            {
                g[s] = mesh.EdgeArea[s + 1] * d / mesh.Spacing_m;
            }
        }

        var lower = _lower.AsSpan(0, n);
        var diagonal = _diagonal.AsSpan(0, n);
        var upper = _upper.AsSpan(0, n);
        for (var s = 0; s < n; s++)
        {
            var capacity = mesh.Volume[s] / dt_s;
            var inner = s > 0 ? g[s - 1] : 0.0;
            var outer = s < n - 1 ? g[s] : 0.0;
            lower[s] = -inner;
            upper[s] = -outer;
            diagonal[s] = capacity + inner + outer;
            free[s] = capacity * x[s];
            response[s] = 0;
        }

        response[n - 1] = -mesh.EdgeArea[n] / (PhysicalConstants.Faraday * e.MaxConcentration_molPerM3);
        Tridiagonal.Solve(lower, diagonal, upper, free, response, _work);
        k.Response = mesh.Surface(response);
        k.Surface = mesh.Surface(free);
    }

    /// <summary>Writes the end-of-step shells, free + j · response, for the solved interfacial currents.</summary>
    private void AdvanceParticles(Span<double> next)
    {
        var sn = Layout.NegativeShells;
        for (var k = 0; k < _nn; k++)
        {
            var j = _negative[k].Current;
            var target = next.Slice(Layout.NegativeShell(k, 0), sn);
            for (var s = 0; s < sn; s++)
            {
                target[s] = _negativeFree[(k * sn) + s] + (j * _negativeResponse[(k * sn) + s]);
            }
        }

        var jp = _positive.Current;
        var positive = next.Slice(Layout.PositiveParticleStart, Layout.PositiveShells);
        for (var s = 0; s < positive.Length; s++)
        {
            positive[s] = _positiveFree[s] + (jp * _positiveResponse[s]);
        }
    }

    /// <summary>Mean of the negative particles' volume-averaged stoichiometries (equal x-volumes).</summary>
    private double NegativeMeanStoichiometry(ReadOnlySpan<double> state)
    {
        var sum = 0.0;
        for (var k = 0; k < _nn; k++)
        {
            sum += _negativeParticle.Mean(state.Slice(Layout.NegativeShell(k, 0), Layout.NegativeShells));
        }

        return sum / _nn;
    }
}
