namespace ChargeTwin.Controller.Twin.Model;

public sealed partial class ReducedCellModel
{
    private const double ElectrolyteFloorTransport_molPerM3 = 10.0;
    private const double ElectrolyteFloorChi_molPerM3 = 10.0;
    private const double ElectrolyteFloorFraction = 1e-3;
    private readonly int _nn;
    private readonly int _ns;
    private readonly int _np;
    private readonly int _ne;

    // Coarse x-mesh: volumes (width, porosity, ε^b) and the node distance at each edge (edge e between volumes e−1, e).
    private readonly double[] _width;
    private readonly double[] _porosity;
    private readonly double[] _transport;
    private readonly double[] _distance;
    private readonly double[] _ce;
    private readonly double[] _ceNext;
    private readonly double[] _diffusivityEff;
    private readonly double[] _conductivityEff;
    private readonly double[] _chi;
    private readonly double[] _phiE;
    private readonly double[] _diffusivityEdge;
    private readonly double[] _conductivityEdge;
    private readonly double[] _chiEdge;
    private readonly double[] _gradient;
    private readonly double[] _electrolyteCurrent;
    private double _terminalVoltage_V;
    private double _platingOverpotential_V;
    private double _positiveSolidPotential_V;

    private static (double[] Width, double[] Porosity, double[] Transport, double[] Distance) ElectrolyteMesh(TwinParameters p, int nn, int ns, int np)
    {
        var n = nn + ns + np;
        var width = new double[n];
        var porosity = new double[n];
        var transport = new double[n];
        var distance = new double[n + 1];
        for (var m = 0; m < n; m++)
        {
            (width[m], porosity[m], transport[m]) = m < nn
                ? (p.Negative.Thickness_m / nn, p.Negative.Porosity, p.Negative.TransportEfficiency)
                : m < nn + ns
                    ? (p.SeparatorThickness_m / ns, p.SeparatorPorosity, p.SeparatorTransportEfficiency)
                    : (p.Positive.Thickness_m / np, p.Positive.Porosity, p.Positive.TransportEfficiency);
        }

        for (var e = 1; e < n; e++)
        {
            distance[e] = 0.5 * (width[e - 1] + width[e]);
        }

        return (width, porosity, transport, distance);
    }

    /// <summary>
    /// Concentrations and transport at the start state: D_eff = ε^b D_e, κ_eff = ε^b κ, χ = 2RT(1 − t⁺)(1 + dln f/dln c)/(F c)
    /// at the nodes; at the edges width-weighted harmonic means of D_eff and χ and the arithmetic mean of κ_eff (the plant's).
    /// </summary>
    private void LoadElectrolyte(ReadOnlySpan<double> state, double temperature_K)
    {
        var p = Parameters;
        var c0 = p.InitialElectrolyteConcentration_molPerM3;
        var rtOverF = PhysicalConstants.GasConstant * temperature_K / PhysicalConstants.Faraday;
        Span<double> args = stackalloc double[2];
        args[1] = temperature_K;
        for (var m = 0; m < _ne; m++)
        {
            var c = c0 * state[Layout.ElectrolyteStart + m];
            _ce[m] = c;
            args[0] = Math.Max(c, ElectrolyteFloorTransport_molPerM3);
            _diffusivityEff[m] = _transport[m] * p.ElectrolyteDiffusivity.Evaluate(args);
            _conductivityEff[m] = _transport[m] * p.ElectrolyteConductivity.Evaluate(args);
            var cChi = Math.Max(c, ElectrolyteFloorChi_molPerM3);
            args[0] = cChi;
            _chi[m] = rtOverF * 2 * (1 - p.TransferenceNumber) * p.ThermodynamicFactor.Evaluate(args) / cChi;
        }

        for (var e = 1; e < _ne; e++)
        {
            var beta = _width[e - 1] / (_width[e - 1] + _width[e]);
            _diffusivityEdge[e] = 1 / ((beta / _diffusivityEff[e - 1]) + ((1 - beta) / _diffusivityEff[e]));
            _chiEdge[e] = 1 / ((beta / _chi[e - 1]) + ((1 - beta) / _chi[e]));
            _conductivityEdge[e] = 0.5 * (_conductivityEff[e - 1] + _conductivityEff[e]);
            _gradient[e] = (_ce[e] - _ce[e - 1]) / _distance[e];
        }
    }

    /// <summary>
    /// Potentials for the solved currents: φ_s = 0 at the negative collector; φ_e from the negative volumes' ψ and on
    /// through separator and positive electrode (i_e = i in the separator, falling linearly to 0 across the uniformly
    /// reacting positive); the positive solid potential at the collector as the SPMe takes it, mean(φ_e) + U_p + η_p
    /// − i L_p/(3σ_p); the terminal voltage adds I·R_series. η_Li at the separator interface from the last negative
    /// volume's centre over its outer half, with the electrolyte current rising linearly to i there.
    /// </summary>
    private void Potentials(in AppliedParameters ap, double current_A)
    {
        var i = -current_A / Parameters.ElectrodeArea_m2;
        var w = Parameters.Negative.Thickness_m / _nn;
        var sigma = ap.NegativeConductivity_SPerM;
        var phiS = -i * 0.5 * w / sigma;
        for (var k = 0; k < _nn; k++)
        {
            if (k > 0)
            {
                phiS -= (i - _electrolyteCurrent[k]) * w / sigma;
            }

            _phiE[k] = phiS - _negative[k].PotentialDifference_V;
        }

        // The last negative volume's outer half: i_e from its centre value to i, i_s from i − that to 0.
        var last = _nn - 1;
        var centre = 0.5 * (_electrolyteCurrent[last] + i);
        var half = 0.5 * (centre + i);
        var interfacePsi = _negative[last].PotentialDifference_V
            + (0.5 * w * ((-(i - half) / sigma) - (_chiEdge[_nn] * _gradient[_nn]) + (half / _conductivityEdge[_nn])));
        _platingOverpotential_V = interfacePsi + _filmOverpotential_V;

        var firstPositive = _nn + _ns;
        for (var e = _nn; e < _ne; e++)
        {
            var ie = e <= firstPositive ? i : i * (1 - ((double)(e - firstPositive) / _np));
            _electrolyteCurrent[e] = ie;
            _phiE[e] = _phiE[e - 1] + (_distance[e] * ((_chiEdge[e] * _gradient[e]) - (ie / _conductivityEdge[e])));
        }

        _electrolyteCurrent[_ne] = 0;
        var meanPhiE = 0.0;
        for (var m = firstPositive; m < _ne; m++)
        {
            meanPhiE += _phiE[m] / _np;
        }

        var positiveU = _positive.OpenCircuitPotential_V + (_positive.ResponseResistance * _positive.Current);
        _positiveSolidPotential_V = meanPhiE + positiveU + _positive.Overpotential_V;
        var collector = _positiveSolidPotential_V - (i * Parameters.Positive.Thickness_m / (3 * ap.PositiveConductivity_SPerM));
        _terminalVoltage_V = collector + (current_A * ap.SeriesResistance_Ohm);
    }

    /// <summary>
    /// ε ∂c_e/∂t = ∂/∂x(D_eff ∂c_e/∂x) + (1 − t⁺) a j/F by implicit Euler on the coarse mesh (D_eff at the start
    /// state, sources from the step's currents); conservative: the sources sum to zero.
    /// </summary>
    private void AdvanceElectrolyte(in AppliedParameters ap, double dt_s, Span<double> next)
    {
        var p = Parameters;
        var factor = (1 - p.TransferenceNumber) / PhysicalConstants.Faraday;
        var lower = _lower.AsSpan(0, _ne);
        var diagonal = _diagonal.AsSpan(0, _ne);
        var upper = _upper.AsSpan(0, _ne);
        var rhs = _ceNext.AsSpan(0, _ne);
        var positiveSource = factor * ap.PositiveAreaDensity_perM * _positive.Current;
        for (var m = 0; m < _ne; m++)
        {
            var capacity = _porosity[m] * _width[m] / dt_s;
            var left = m > 0 ? _diffusivityEdge[m] / _distance[m] : 0.0;
            var right = m < _ne - 1 ? _diffusivityEdge[m + 1] / _distance[m + 1] : 0.0;
            lower[m] = -left;
            upper[m] = -right;
            diagonal[m] = capacity + left + right;
            var source = m < _nn
                ? factor * ap.NegativeAreaDensity_perM * _negative[m].Current
                : m < _nn + _ns ? 0.0 : positiveSource;
            rhs[m] = (capacity * _ce[m]) + (_width[m] * source);
        }

        Tridiagonal.Solve(lower, diagonal, upper, rhs, Span<double>.Empty, _work);
        var c0 = p.InitialElectrolyteConcentration_molPerM3;
        for (var m = 0; m < _ne; m++)
        {
            // Positivity safeguard: a step that would empty a volume leaves a trace of salt (breaks electrolyte
            // conservation by at most that trace; the particles' lithium is untouched).
            next[Layout.ElectrolyteStart + m] = Math.Max(rhs[m] / c0, ElectrolyteFloorFraction);
        }
    }
}
