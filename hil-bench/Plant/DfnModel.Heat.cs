using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Plant;

public sealed partial class DfnModel
{
    private readonly double[] _heatGradient;

    /// <summary>
    /// Net volumetric heat of the lumped cell [W/m³ of cell] (PyBaMM's lumped model): Ohmic heat in
    /// solid, electrolyte and collectors, irreversible reaction heat (intercalation and plating),
    /// reversible (entropic) heat and contact-resistance heat, minus Newton cooling to ambient.
    /// Volume heats are products of the edge-to-node averages of current and potential gradient.
    /// Injected faults add the internal short's Joule heat I_sh·V_stack and a self-heating source, and scale the
    /// cooling. Uses the edge quantities of the current evaluation.
    /// </summary>
    private double ThermalSource_WPerM3(ReadOnlySpan<double> y)
    {
        var temperature = y[Indices.Temperature];
        var current = y[Indices.Current];
        var heatPerArea = 0.0; // W/m² of electrode
        for (var m = 0; m < Mesh.Volumes; m++)
        {
            var q = -0.5 * (_electrolyteCurrent[m] + _electrolyteCurrent[m + 1]) * 0.5 * (_electrolytePotentialGradient[m] + _electrolytePotentialGradient[m + 1]);
            if (Mesh.Region[m] != CellRegion.Separator)
            {
                ref readonly var k = ref _kinetics[m];
                var a = Mesh.SurfaceAreaDensity_perM[m];
                var iS = 0.5 * (_solidCurrent[m] + _solidCurrent[m + 1]);
                q += iS * iS / ElectrodeOf(m).EffectiveConductivity_SPerM;
                q += a * (k.Intercalation * k.Overpotential_V + k.Stripping * k.PlatingOverpotential_V);
                q += a * k.Intercalation * temperature * k.EntropicChange_VPerK;
            }

            heatPerArea += q * Mesh.Width_m[m];
        }

        var heat_W = heatPerArea * Parameters.ElectrodeArea_m2
            + current * current * SeriesResistance_Ohm
            - _faults.CoolingFraction * Parameters.HeatTransferCoefficient_WPerM2K * Parameters.CoolingArea_m2 * (temperature - Parameters.Ambient_K)
            + ShortHeat_W(y)
            + SelfHeating_W(temperature, out _);
        return heat_W / Parameters.CellVolume_m3;
    }

    /// <summary>The internal short's Joule heat I_sh·V_stack (= G·V_stack² at the solution) [W]; 0 without a short.</summary>
    private double ShortHeat_W(ReadOnlySpan<double> y) => Indices.ShortCurrent < 0 ? 0 : y[Indices.ShortCurrent] * StackVoltage(y);

    /// <summary>Contact resistance plus the current collectors' through-plane resistance [Ω].</summary>
    private double SeriesResistance_Ohm =>
        Parameters.ContactResistance_Ohm
        + (Parameters.Negative.CollectorThickness_m / Parameters.Negative.CollectorConductivity_SPerM
           + Parameters.Positive.CollectorThickness_m / Parameters.Positive.CollectorConductivity_SPerM) / Parameters.ElectrodeArea_m2;

    /// <summary>
    /// The lumped heat balance's Jacobian row: ρc_p cj + hA/V on temperature, and −∂(heat)/∂y for every
    /// unknown the heat depends on. Needs the kinetics and edge derivatives of this Jacobian evaluation.
    /// </summary>
    private void HeatJacobian(ReadOnlySpan<double> y, double cj, BorderedBandMatrix jacobian)
    {
        var g = _heatGradient.AsSpan();
        g.Clear();
        var temperature = y[Indices.Temperature];
        var iT = Indices.Temperature;
        var iI = Indices.Current;
        var n = Mesh.Volumes;
        for (var m = 0; m < n; m++)
        {
            var w = Mesh.Width_m[m];

            // Electrolyte: q = −Ī Ḡ with Ī, Ḡ the averages of the volume's two edges.
            var iBar = 0.5 * (_electrolyteCurrent[m] + _electrolyteCurrent[m + 1]);
            var gBar = 0.5 * (_electrolytePotentialGradient[m] + _electrolytePotentialGradient[m + 1]);
            for (var e = m; e <= m + 1; e++)
            {
                if (e == 0 || e == n)
                {
                    continue;
                }

                ref readonly var ed = ref _edgeDerivatives[e];
                var distance = 0.5 * (Mesh.Width_m[e - 1] + Mesh.Width_m[e]);
                var sI = -0.5 * gBar * w;
                var sG = -0.5 * iBar * w;
                g[Indices.ElectrolyteConcentration[e - 1]] += sI * ed.I_cL;
                g[Indices.ElectrolyteConcentration[e]] += sI * ed.I_cR;
                g[Indices.ElectrolytePotential[e - 1]] += sI * ed.I_phiL - sG / distance;
                g[Indices.ElectrolytePotential[e]] += sI * ed.I_phiR + sG / distance;
                g[iT] += sI * ed.I_T;
            }

            if (Mesh.Region[m] == CellRegion.Separator)
            {
                continue;
            }

            // Solid: q = Ī_s² / σ.
            var negative = Mesh.Region[m] == CellRegion.Negative;
            var sigma = ElectrodeOf(m).EffectiveConductivity_SPerM;
            var iSBar = 0.5 * (_solidCurrent[m] + _solidCurrent[m + 1]);
            var s = iSBar * w / sigma; // ∂(w q)/∂i_edge = 2 Ī_s w/σ × ½
            var first = negative ? 0 : Mesh.FirstPositive;
            var last = negative ? Mesh.NegativeVolumes - 1 : n - 1;
            AddSolidEdge(g, m, first, last, negative, sigma / Mesh.Width_m[m], s);
            AddSolidEdge(g, m + 1, first, last, negative, sigma / Mesh.Width_m[m], s);

            // Reaction heat a (j η + j_s η_Li) and reversible heat a j T dU/dT.
            ref readonly var k = ref _kinetics[m];
            var a = Mesh.SurfaceAreaDensity_perM[m] * w;
            var eta = k.Overpotential_V;
            var etaLi = k.PlatingOverpotential_V;
            var j = k.Intercalation;
            var js = k.Stripping;
            var rev = temperature * k.EntropicChange_VPerK;
            var cj1 = eta + rev; // multiplies ∂j
            var s0 = Indices.ParticleStart[m];
            var shells = Mesh.Particle(m).Shells;
            var dEta_dcs = -k.U_cs;
            var dRev_dcs = temperature * k.DUdT_cs;
            g[s0 + shells - 1] += a * (k.J_cLast * cj1 + j * 1.5 * (dEta_dcs + dRev_dcs));
            g[s0 + shells - 2] += a * (k.J_cPrev * cj1 - j * 0.5 * (dEta_dcs + dRev_dcs));
            g[Indices.ElectrolyteConcentration[m]] += a * (k.J_ce * cj1 + k.S_ce * etaLi);
            g[Indices.SolidPotential[m]] += a * (k.J_phis * cj1 + j + k.S_phis * etaLi + js);
            g[Indices.ElectrolytePotential[m]] += a * (k.J_phie * cj1 - j + k.S_phie * etaLi - js);
            g[iT] += a * (k.J_T * cj1 + k.S_T * etaLi); // ∂η/∂T = −dU/dT cancels the reversible term's own T
            g[iI] += a * (k.J_I * cj1 + j * k.Film_I + k.S_I * etaLi + js * k.Film_I);
            if (Indices.PlatedLithium[m] >= 0)
            {
                g[Indices.PlatedLithium[m]] += a * k.S_cpl * etaLi;
            }

            if (Indices.SeiThickness[m] >= 0)
            {
                g[Indices.SeiThickness[m]] += a * (k.J_L * cj1 + j * k.Film_L + k.S_L * etaLi + js * k.Film_L);
            }
        }

        // Every heat term above that depends on the terminal current does so through the electrodes' current, I − I_sh.
        if (Indices.ShortCurrent >= 0)
        {
            g[Indices.ShortCurrent] = -g[iI];
        }

        var area = Parameters.ElectrodeArea_m2;
        var volume = Parameters.CellVolume_m3;
        for (var col = 0; col < Indices.Size; col++)
        {
            if (g[col] != 0)
            {
                jacobian.Add(iT, col, -area * g[col] / volume);
            }
        }

        var cooling = _faults.CoolingFraction * Parameters.HeatTransferCoefficient_WPerM2K * Parameters.CoolingArea_m2 / volume;
        SelfHeating_W(temperature, out var dSelfHeating_dT);
        jacobian.Add(iT, iT, cj * Parameters.VolumetricHeatCapacity_JPerM3K + cooling - dSelfHeating_dT / volume);
        jacobian.Add(iT, iI, -2 * y[iI] * SeriesResistance_Ohm / volume);
        if (Indices.ShortCurrent >= 0)
        {
            // Short heat I_sh·V_stack, V_stack = 1.5 φ_s,last − 0.5 φ_s,prev.
            var shortCurrent = y[Indices.ShortCurrent];
            jacobian.Add(iT, Indices.ShortCurrent, -StackVoltage(y) / volume);
            jacobian.Add(iT, Indices.SolidPotential[n - 1], -1.5 * shortCurrent / volume);
            jacobian.Add(iT, Indices.SolidPotential[n - 2], 0.5 * shortCurrent / volume);
        }
    }

    /// <summary>Adds scale × ∂i_s(edge)/∂(unknowns) for one solid edge of an electrode.</summary>
    private void AddSolidEdge(Span<double> g, int edge, int first, int last, bool negative, double conductance, double scale)
    {
        if (edge > first && edge <= last)
        {
            g[Indices.SolidPotential[edge]] += -conductance * scale;
            g[Indices.SolidPotential[edge - 1]] += conductance * scale;
        }
        else if (edge == first && negative)
        {
            g[Indices.SolidPotential[first]] += -2 * conductance * scale;
        }
        else if (edge == last + 1 && !negative)
        {
            g[Indices.Current] += -scale / Parameters.ElectrodeArea_m2;
        }
    }
}
