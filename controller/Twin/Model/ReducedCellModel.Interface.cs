namespace ChargeTwin.Controller.Twin.Model;

public sealed partial class ReducedCellModel
{
    private const int MaxIterations = 60;
    private const double ResidualTolerance_V = 1e-11;
    private readonly VolumeKinetics[] _negative;
    private VolumeKinetics _positive;
    private double _filmOverpotential_V;

    /// <summary>U, ∂U/∂T, j₀ and the surface response resistance of every negative volume and of the positive particle.</summary>
    private void PrepareKinetics(in AppliedParameters ap, double temperature_K)
    {
        for (var k = 0; k < _nn; k++)
        {
            PrepareVolume(Parameters.Negative, ap.NegativeKineticScale, _ce[k], temperature_K, ref _negative[k]);
        }

        var ce = 0.0;
        for (var m = _nn + _ns; m < _ne; m++)
        {
            ce += _ce[m] / _np;
        }

        PrepareVolume(Parameters.Positive, ap.PositiveKineticScale, ce, temperature_K, ref _positive);
    }

    private void PrepareVolume(TwinElectrode e, double kineticScale, double ce, double temperature_K, ref VolumeKinetics k)
    {
        var reference = Parameters.ReferenceTemperature_K;
        k.OpenCircuitPotential_V = OpenCircuit.Potential(e, k.Surface, temperature_K, reference, out var dU_dx, out var dU_dT);
        k.EntropicChange_VPerK = dU_dT;
        k.ResponseResistance = Math.Max(0, dU_dx * k.Response);
        var cMax = e.MaxConcentration_molPerM3;
        Span<double> args = stackalloc double[4];
        args[0] = Math.Max(ce, 1e-6);
        args[1] = Math.Clamp(k.Surface * cMax, 1e-9 * cMax, (1 - 1e-9) * cMax);
        args[2] = cMax;
        args[3] = temperature_K;
        k.ExchangeCurrentDensity = kineticScale * e.ExchangeCurrentDensity.Evaluate(args);
    }

    /// <summary>
    /// The intercalation currents. Negative electrode: the unknowns are the electrolyte currents i_e at the edges between
    /// its x-volumes (0 at the collector, i = −I/A at the separator), so j_k = (i_e,k+1 − i_e,k)/(a w) conserves charge and
    /// lithium exactly. Each volume's ψ = φ_s − φ_e = U + R_response j + η(j) − η_film follows explicitly, with the
    /// symmetric Butler–Volmer overpotential η(j) = (2RT/F) asinh(j/2j₀) (no exponential to overflow); the residual of
    /// each edge is ψ_k − ψ_{k−1} − w (−i_s/σ_eff − χ ∂c_e/∂x + i_e/κ_eff), whose Jacobian is tridiagonal and diagonally
    /// dominant (a monotone problem): damped Newton converges in a few iterations. Positive electrode: uniform j_p = −i/(a_p L_p).
    /// </summary>
    private void SolveCurrentDistribution(in AppliedParameters ap, double current_A, double temperature_K)
    {
        var i = -current_A / Parameters.ElectrodeArea_m2;
        var ln = Parameters.Negative.Thickness_m;
        var a = ap.NegativeAreaDensity_perM;
        _filmOverpotential_V = -i / (a * ln) * Parameters.FilmResistance_OhmM2;
        var f = PhysicalConstants.Faraday / (PhysicalConstants.GasConstant * temperature_K);
        var ie = _electrolyteCurrent.AsSpan(0, _nn + 1);
        for (var k = 0; k <= _nn; k++)
        {
            ie[k] = i * k / _nn;
        }

        var norm = EdgeResiduals(ap, i, f);
        for (var iteration = 0; iteration < MaxIterations && norm > ResidualTolerance_V * ResidualTolerance_V; iteration++)
        {
            // J Δ = −r on the interior edges 1 … N−1 (stored at 0 … N−2); J is symmetric and diagonally dominant.
            var n = _nn - 1;
            var lower = _lower.AsSpan(0, n);
            var diagonal = _diagonal.AsSpan(0, n);
            var upper = _upper.AsSpan(0, n);
            var delta = _work2.AsSpan(0, n);
            var w = ln / _nn;
            var aw = a * w;
            for (var e = 1; e <= n; e++)
            {
                var left = EdgeSlope(_negative[e - 1], f) / aw;
                var right = EdgeSlope(_negative[e], f) / aw;
                lower[e - 1] = left;
                upper[e - 1] = right;
                diagonal[e - 1] = -left - right - (w * ((1 / ap.NegativeConductivity_SPerM) + (1 / _conductivityEdge[e])));
                delta[e - 1] = -_edgeResidual[e];
            }

            Tridiagonal.Solve(lower, diagonal, upper, delta, Span<double>.Empty, _work);
            ie.CopyTo(_edgeTrial);
            var damping = 1.0;
            while (true)
            {
                for (var e = 1; e <= n; e++)
                {
                    ie[e] = _edgeTrial[e] + (damping * delta[e - 1]);
                }

                var trial = EdgeResiduals(ap, i, f);
                if (trial < norm || damping < 1e-3)
                {
                    norm = trial;
                    break;
                }

                damping *= 0.5;
            }
        }

        _positive.Current = -i / (ap.PositiveAreaDensity_perM * Parameters.Positive.Thickness_m);
        _positive.Overpotential_V = 2 / f * Math.Asinh(_positive.Current / (2 * _positive.ExchangeCurrentDensity));
    }

    /// <summary>∂ψ/∂j of a volume: the surface response plus the Butler–Volmer slope (2RT/F)/√(j² + 4j₀²) [Ω m²].</summary>
    private static double EdgeSlope(in VolumeKinetics v, double f) =>
        v.ResponseResistance + (2 / f / Math.Sqrt((v.Current * v.Current) + (4 * v.ExchangeCurrentDensity * v.ExchangeCurrentDensity)));

    /// <summary>
    /// Currents, overpotentials and ψ of every negative volume for the edge currents in _electrolyteCurrent, the edge
    /// residuals [V], and their sum of squares [V²] (the Newton direction descends on it: the line search's measure).
    /// </summary>
    private double EdgeResiduals(in AppliedParameters ap, double i, double f)
    {
        var w = Parameters.Negative.Thickness_m / _nn;
        var aw = ap.NegativeAreaDensity_perM * w;
        var sigma = ap.NegativeConductivity_SPerM;
        var norm = 0.0;
        for (var k = 0; k < _nn; k++)
        {
            ref var v = ref _negative[k];
            var j = (_electrolyteCurrent[k + 1] - _electrolyteCurrent[k]) / aw;
            v.Current = j;
            v.Overpotential_V = 2 / f * Math.Asinh(j / (2 * v.ExchangeCurrentDensity));
            v.PotentialDifference_V = v.OpenCircuitPotential_V + (v.ResponseResistance * j) + v.Overpotential_V - _filmOverpotential_V;
            if (k > 0)
            {
                var ie = _electrolyteCurrent[k];
                var r = v.PotentialDifference_V - _negative[k - 1].PotentialDifference_V
                    - (w * ((-(i - ie) / sigma) - (_chiEdge[k] * _gradient[k]) + (ie / _conductivityEdge[k])));
                _edgeResidual[k] = r;
                norm += r * r;
            }
        }

        return norm;
    }
}
