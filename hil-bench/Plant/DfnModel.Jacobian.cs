using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Plant;

public sealed partial class DfnModel
{
    private readonly ElectrolyteEdgeDerivatives[] _edgeDerivatives;
    private readonly double[] _particleDiffusivityGradient;
    private readonly double[] _particleDiffusivityT;
    private readonly ElectrolyteNodeDerivatives[] _nodeDerivatives;

    /// <summary>Analytic ∂F/∂y + cj ∂F/∂y', every row exact (checked against finite differences in the tests).</summary>
    public bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian)
    {
        var n = Mesh.Volumes;
        var temperature = y[Indices.Temperature];
        var current = y[Indices.Current];
        var iT = Indices.Temperature;
        var iI = Indices.Current;

        for (var m = 0; m < n; m++)
        {
            if (Mesh.Region[m] != CellRegion.Separator)
            {
                EvaluateKinetics(m, y, true, ref _kinetics[m]);
                ParticleJacobian(m, y, cj, jacobian, temperature);
            }
        }

        SurfaceStateJacobian(y, cj, jacobian);
        ElectrolyteEdges(y, temperature, true);
        for (var m = 0; m < n; m++)
        {
            var rowC = Indices.ElectrolyteConcentration[m];
            var rowP = Indices.ElectrolytePotential[m];
            var w = Mesh.Width_m[m];
            jacobian.Add(rowC, rowC, cj * Mesh.Porosity[m]);
            if (m + 1 < n)
            {
                ref readonly var ed = ref _edgeDerivatives[m + 1];
                AddEdge(jacobian, rowC, m, in ed, 1 / w, flux: true);
                AddEdge(jacobian, rowP, m, in ed, 1, flux: false);
            }

            if (m > 0)
            {
                ref readonly var ed = ref _edgeDerivatives[m];
                AddEdge(jacobian, rowC, m - 1, in ed, -1 / w, flux: true);
                AddEdge(jacobian, rowP, m - 1, in ed, -1, flux: false);
            }

            if (Mesh.Region[m] != CellRegion.Separator)
            {
                var a = Mesh.SurfaceAreaDensity_perM[m];
                AddReactionDerivatives(jacobian, rowC, m, -a / PhysicalConstants.Faraday);
                AddReactionDerivatives(jacobian, rowP, m, -a * w);
            }
        }

        SolidJacobian(jacobian);

        if (Options.Thermal == ThermalModel.Isothermal)
        {
            jacobian.Add(iT, iT, 1);
        }
        else
        {
            SolidEdges(y, ElectrochemicalCurrent(y));
            HeatJacobian(y, cj, jacobian);
        }

        var last = Indices.SolidPotential[n - 1];
        var prev = Indices.SolidPotential[n - 2];
        ShortJacobian(jacobian);
        switch (Mode)
        {
            case OperatingMode.Current:
                jacobian.Add(iI, iI, 1);
                break;
            case OperatingMode.Voltage:
                jacobian.Add(iI, last, 1.5);
                jacobian.Add(iI, prev, -0.5);
                jacobian.Add(iI, iI, Parameters.ContactResistance_Ohm);
                break;
            default:
                jacobian.Add(iI, last, 1.5 * current);
                jacobian.Add(iI, prev, -0.5 * current);
                jacobian.Add(iI, iI, TerminalVoltage(y) + current * Parameters.ContactResistance_Ohm);
                break;
        }

        return true;
    }

    private void AddEdge(BorderedBandMatrix jacobian, int row, int left, in ElectrolyteEdgeDerivatives ed, double scale, bool flux)
    {
        var cL = Indices.ElectrolyteConcentration[left];
        var cR = Indices.ElectrolyteConcentration[left + 1];
        var pL = Indices.ElectrolytePotential[left];
        var pR = Indices.ElectrolytePotential[left + 1];
        if (flux)
        {
            jacobian.Add(row, cL, scale * ed.N_cL);
            jacobian.Add(row, cR, scale * ed.N_cR);
            jacobian.Add(row, pL, scale * ed.N_phiL);
            jacobian.Add(row, pR, scale * ed.N_phiR);
            jacobian.Add(row, Indices.Temperature, scale * ed.N_T);
        }
        else
        {
            jacobian.Add(row, cL, scale * ed.I_cL);
            jacobian.Add(row, cR, scale * ed.I_cR);
            jacobian.Add(row, pL, scale * ed.I_phiL);
            jacobian.Add(row, pR, scale * ed.I_phiR);
            jacobian.Add(row, Indices.Temperature, scale * ed.I_T);
        }
    }

    /// <summary>Adds scale · ∂j_tot/∂(unknowns) of volume m into a row.</summary>
    private void AddReactionDerivatives(BorderedBandMatrix jacobian, int row, int m, double scale)
    {
        ref readonly var k = ref _kinetics[m];
        var s0 = Indices.ParticleStart[m];
        var shells = Mesh.Particle(m).Shells;
        jacobian.Add(row, s0 + shells - 1, scale * k.Tot_cLast);
        jacobian.Add(row, s0 + shells - 2, scale * k.Tot_cPrev);
        jacobian.Add(row, Indices.ElectrolyteConcentration[m], scale * k.Tot_ce);
        jacobian.Add(row, Indices.SolidPotential[m], scale * k.Tot_phis);
        jacobian.Add(row, Indices.ElectrolytePotential[m], scale * k.Tot_phie);
        jacobian.Add(row, Indices.Temperature, scale * k.Tot_T);
        AddElectrochemicalCurrent(jacobian, row, scale * k.Tot_I);
        if (Indices.PlatedLithium[m] >= 0)
        {
            jacobian.Add(row, Indices.PlatedLithium[m], scale * k.Tot_cpl);
        }

        if (Indices.SeiThickness[m] >= 0)
        {
            jacobian.Add(row, Indices.SeiThickness[m], scale * k.Tot_L);
        }
    }

    private void ParticleJacobian(int m, ReadOnlySpan<double> y, double cj, BorderedBandMatrix jacobian, double temperature)
    {
        var ep = ElectrodeOf(m);
        var pm = Mesh.Particle(m);
        var s0 = Indices.ParticleStart[m];
        var shells = pm.Shells;
        var cMax = ep.MaxConcentration_molPerM3;
        var dependsOnX = Mesh.Region[m] == CellRegion.Negative ? NegativeDiffusivityDependsOnStoichiometry : PositiveDiffusivityDependsOnStoichiometry;
        Span<double> args = stackalloc double[2];
        Span<double> grad = stackalloc double[2];
        args[1] = temperature;
        if (dependsOnX)
        {
            for (var k = 0; k < shells; k++)
            {
                args[0] = Clamp(y[s0 + k] / cMax, StoichiometryClip, 1 - StoichiometryClip, out var inside);
                _particleDiffusivity[k] = ep.Diffusivity.Evaluate(args, grad);
                _particleDiffusivityGradient[k] = inside ? grad[0] / cMax : 0;
                _particleDiffusivityT[k] = grad[1];
            }
        }
        else
        {
            args[0] = 0.5;
            var d = ep.Diffusivity.Evaluate(args, grad);
            for (var k = 0; k < shells; k++)
            {
                _particleDiffusivity[k] = d;
                _particleDiffusivityGradient[k] = 0;
                _particleDiffusivityT[k] = grad[1];
            }
        }

        var dr = pm.Spacing_m;
        var area = pm.EdgeAreaFactor;
        var volume = pm.ShellVolumeFactor;
        var iT = Indices.Temperature;
        for (var k = 0; k < shells; k++)
        {
            jacobian.Add(s0 + k, s0 + k, cj);
        }

        // Interior edge between shells k and k+1: G = r² N = −r² D_edge (c_{k+1} − c_k)/Δr.
        for (var k = 0; k < shells - 1; k++)
        {
            var d0 = _particleDiffusivity[k];
            var d1 = _particleDiffusivity[k + 1];
            var sum = d0 + d1;
            var dEdge = 2 * d0 * d1 / sum;
            var dE_d0 = 2 * d1 * d1 / (sum * sum);
            var dE_d1 = 2 * d0 * d0 / (sum * sum);
            var dc = y[s0 + k + 1] - y[s0 + k];
            var a = area[k + 1] / dr;
            var g0 = a * (dEdge - dE_d0 * _particleDiffusivityGradient[k] * dc);
            var g1 = a * (-dEdge - dE_d1 * _particleDiffusivityGradient[k + 1] * dc);
            var gT = -a * (dE_d0 * _particleDiffusivityT[k] + dE_d1 * _particleDiffusivityT[k + 1]) * dc;
            var v0 = volume[k];
            var v1 = volume[k + 1];
            jacobian.Add(s0 + k, s0 + k, g0 / v0);
            jacobian.Add(s0 + k, s0 + k + 1, g1 / v0);
            jacobian.Add(s0 + k, iT, gT / v0);
            jacobian.Add(s0 + k + 1, s0 + k, -g0 / v1);
            jacobian.Add(s0 + k + 1, s0 + k + 1, -g1 / v1);
            jacobian.Add(s0 + k + 1, iT, -gT / v1);
        }

        // Surface flux r² j/F of the intercalation reaction.
        ref readonly var kin = ref _kinetics[m];
        var row = s0 + shells - 1;
        var s = area[shells] / (PhysicalConstants.Faraday * volume[shells - 1]);
        jacobian.Add(row, s0 + shells - 1, s * kin.J_cLast);
        jacobian.Add(row, s0 + shells - 2, s * kin.J_cPrev);
        jacobian.Add(row, Indices.ElectrolyteConcentration[m], s * kin.J_ce);
        jacobian.Add(row, Indices.SolidPotential[m], s * kin.J_phis);
        jacobian.Add(row, Indices.ElectrolytePotential[m], s * kin.J_phie);
        jacobian.Add(row, iT, s * kin.J_T);
        AddElectrochemicalCurrent(jacobian, row, s * kin.J_I);
        if (Indices.SeiThickness[m] >= 0)
        {
            jacobian.Add(row, Indices.SeiThickness[m], s * kin.J_L);
        }
    }

    private void SurfaceStateJacobian(ReadOnlySpan<double> y, double cj, BorderedBandMatrix jacobian)
    {
        for (var m = 0; m < Mesh.NegativeVolumes; m++)
        {
            ref readonly var k = ref _kinetics[m];
            var a = Mesh.SurfaceAreaDensity_perM[m];
            var seiIndex = Indices.SeiThickness[m];
            var seiThickness = seiIndex >= 0 ? y[seiIndex] : Parameters.InitialSeiThickness_m;
            if (Indices.HasPlating)
            {
                var ipl = Indices.PlatedLithium[m];
                var idead = Indices.DeadLithium[m];
                jacobian.Add(ipl, ipl, cj);
                jacobian.Add(idead, idead, cj);
                var depositionScale = a / PhysicalConstants.Faraday; // ∂(−deposition)/∂j_strip
                switch (Options.Plating)
                {
                    case PlatingModel.Reversible:
                        AddStrippingDerivatives(jacobian, ipl, m, depositionScale);
                        break;
                    case PlatingModel.Irreversible:
                        AddStrippingDerivatives(jacobian, idead, m, depositionScale);
                        break;
                    default:
                        AddStrippingDerivatives(jacobian, ipl, m, depositionScale);
                        var rate = DeadLithiumRate(seiThickness, out var dRate_dL);
                        jacobian.Add(ipl, ipl, rate);
                        jacobian.Add(idead, ipl, -rate);
                        if (seiIndex >= 0)
                        {
                            jacobian.Add(ipl, seiIndex, dRate_dL * y[ipl]);
                            jacobian.Add(idead, seiIndex, -dRate_dL * y[ipl]);
                        }

                        break;
                }
            }

            if (seiIndex >= 0)
            {
                var scale = Parameters.SeiMolarVolume_M3PerMol / (PhysicalConstants.Faraday * Parameters.LithiumPerSeiMole);
                jacobian.Add(seiIndex, seiIndex, cj + scale * k.E_L);
                jacobian.Add(seiIndex, Indices.Temperature, scale * k.E_T);
                jacobian.Add(seiIndex, Indices.SolidPotential[m], scale * k.E_phis);
                jacobian.Add(seiIndex, Indices.ElectrolytePotential[m], scale * k.E_phie);
                AddElectrochemicalCurrent(jacobian, seiIndex, scale * k.E_I);
            }
        }
    }

    private void AddStrippingDerivatives(BorderedBandMatrix jacobian, int row, int m, double scale)
    {
        ref readonly var k = ref _kinetics[m];
        jacobian.Add(row, Indices.PlatedLithium[m], scale * k.S_cpl);
        jacobian.Add(row, Indices.ElectrolyteConcentration[m], scale * k.S_ce);
        jacobian.Add(row, Indices.SolidPotential[m], scale * k.S_phis);
        jacobian.Add(row, Indices.ElectrolytePotential[m], scale * k.S_phie);
        jacobian.Add(row, Indices.Temperature, scale * k.S_T);
        AddElectrochemicalCurrent(jacobian, row, scale * k.S_I);
        if (Indices.SeiThickness[m] >= 0)
        {
            jacobian.Add(row, Indices.SeiThickness[m], scale * k.S_L);
        }
    }

    private void SolidJacobian(BorderedBandMatrix jacobian)
    {
        var n = Mesh.Volumes;
        for (var m = 0; m < n; m++)
        {
            if (Mesh.Region[m] == CellRegion.Separator)
            {
                continue;
            }

            var row = Indices.SolidPotential[m];
            var negative = Mesh.Region[m] == CellRegion.Negative;
            var sigma = ElectrodeOf(m).EffectiveConductivity_SPerM;
            var w = Mesh.Width_m[m];
            var g = sigma / w;
            var firstOfElectrode = negative ? m == 0 : m == Mesh.FirstPositive;
            var lastOfElectrode = negative ? m == Mesh.NegativeVolumes - 1 : m == n - 1;

            // Right edge: i_s = −σ(φ_{m+1} − φ_m)/w inside the electrode.
            if (!lastOfElectrode)
            {
                jacobian.Add(row, row, g);
                jacobian.Add(row, Indices.SolidPotential[m + 1], -g);
            }
            else if (!negative)
            {
                AddElectrochemicalCurrent(jacobian, row, -1 / Parameters.ElectrodeArea_m2);
            }

            // Left edge enters with a minus sign.
            if (!firstOfElectrode)
            {
                jacobian.Add(row, row, g);
                jacobian.Add(row, Indices.SolidPotential[m - 1], -g);
            }
            else if (negative)
            {
                jacobian.Add(row, row, 2 * g);
            }

            AddReactionDerivatives(jacobian, row, m, Mesh.SurfaceAreaDensity_perM[m] * w);
        }
    }
}

/// <summary>Derivatives of electrolyte properties at a node: D_eff, κ_eff and χRT/(Fc) by c_e and T.</summary>
internal struct ElectrolyteNodeDerivatives
{
    public double D_c, D_T, K_c, K_T, Chi_c, Chi_T;
}

/// <summary>Derivatives of the electrolyte current i_e and lithium flux N_e at an edge by its neighbours and T.</summary>
internal struct ElectrolyteEdgeDerivatives
{
    public double I_cL, I_cR, I_phiL, I_phiR, I_T;
    public double N_cL, N_cR, N_phiL, N_phiR, N_T;
}
