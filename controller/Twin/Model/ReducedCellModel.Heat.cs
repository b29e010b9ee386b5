namespace ChargeTwin.Controller.Twin.Model;

public sealed partial class ReducedCellModel
{
    /// <summary>
    /// Heat generated [W], the plant's lumped terms: reaction a j η and reversible a j T ∂U/∂T over both electrodes,
    /// solid Ohmic ∫ i_s²/σ_eff (exact for the piecewise-linear i_s of each volume; i² L_p/(3σ_p) in the positive),
    /// electrolyte Ohmic −∫ i_e ∂φ_e/∂x (edge by edge), and I² times contact, offset and collector resistance.
    /// Needs the currents and potentials of this call.
    /// </summary>
    private double Heat(in AppliedParameters ap, double current_A, double temperature_K)
    {
        var p = Parameters;
        var i = -current_A / p.ElectrodeArea_m2;
        var w = p.Negative.Thickness_m / _nn;
        var aw = ap.NegativeAreaDensity_perM * w;
        var sigma = ap.NegativeConductivity_SPerM;
        var perArea = 0.0;
        for (var k = 0; k < _nn; k++)
        {
            ref readonly var v = ref _negative[k];
            perArea += aw * v.Current * (v.Overpotential_V + (temperature_K * v.EntropicChange_VPerK));
            var left = i - _electrolyteCurrent[k];
            var right = i - _electrolyteCurrent[k + 1];
            perArea += w * ((left * left) + (left * right) + (right * right)) / (3 * sigma);
        }

        var lp = p.Positive.Thickness_m;
        perArea += ap.PositiveAreaDensity_perM * lp * _positive.Current * (_positive.Overpotential_V + (temperature_K * _positive.EntropicChange_VPerK));
        perArea += i * i * lp / (3 * ap.PositiveConductivity_SPerM);
        for (var e = 1; e < _ne; e++)
        {
            perArea -= _electrolyteCurrent[e] * (_phiE[e] - _phiE[e - 1]);
        }

        return (perArea * p.ElectrodeArea_m2) + (current_A * current_A * (ap.SeriesResistance_Ohm + p.CollectorResistance_Ohm));
    }

    /// <summary>
    /// C_core dT_c/dt = Q − (T_c − T_s)/R_in, C_surf dT_s/dt = (T_c − T_s)/R_in − hA (T_s − T_amb) by implicit Euler with
    /// Q from the start of the step; without R_in in the cell file, one lumped node C dT/dt = Q − hA (T − T_amb) (the plant's).
    /// </summary>
    private void AdvanceTemperatures(in AppliedParameters ap, double heat_W, double core_K, double surface_K, double ambient_K, double dt_s, Span<double> next)
    {
        var c = ap.HeatCapacity_JPerK;
        var ha = ap.HeatTransfer_WPerK;
        if (Parameters.InternalThermalResistance_KPerW is not { } rin)
        {
            var t = ((c * core_K) + (dt_s * (heat_W + (ha * ambient_K)))) / (c + (dt_s * ha));
            next[Layout.CoreTemperature] = t;
            next[Layout.SurfaceTemperature] = t;
            return;
        }

        var cs = Options.SurfaceHeatCapacityFraction * c;
        var cc = c - cs;
        var g = 1 / rin;
        var a11 = (cc / dt_s) + g;
        var a22 = (cs / dt_s) + g + ha;
        var b1 = (cc / dt_s * core_K) + heat_W;
        var b2 = (cs / dt_s * surface_K) + (ha * ambient_K);
        var det = (a11 * a22) - (g * g);
        next[Layout.CoreTemperature] = ((b1 * a22) + (g * b2)) / det;
        next[Layout.SurfaceTemperature] = ((a11 * b2) + (g * b1)) / det;
    }

    /// <summary>Heat-capacity-weighted mean of the two nodes (the lumped temperature in the one-node limit) [K].</summary>
    private double MeanTemperature(ReadOnlySpan<double> state)
    {
        var core = state[Layout.CoreTemperature];
        if (Parameters.InternalThermalResistance_KPerW is null)
        {
            return core;
        }

        var fs = Options.SurfaceHeatCapacityFraction;
        return ((1 - fs) * core) + (fs * state[Layout.SurfaceTemperature]);
    }

    /// <summary>
    /// Thickness change [m], as the plant: per electrode pair Σ ε_s (ΔV/V(x̄) − ΔV/V(x_initial)) dx over each electrode's
    /// x-volumes, times the electrodes in parallel, plus the reversible thermal expansion α (T − T_ref). (Plated
    /// lithium and SEI volume are not modelled: within one charge they add tens of Pa at the bench's fixture.)
    /// </summary>
    private double ThicknessChange(in AppliedParameters ap, ReadOnlySpan<double> state, double temperature_K)
    {
        var p = Parameters;
        var layer = 0.0;
        Span<double> arg = stackalloc double[1];
        if (p.Negative.VolumeChange is { } negative)
        {
            var w = p.Negative.Thickness_m / _nn;
            for (var k = 0; k < _nn; k++)
            {
                arg[0] = _negativeParticle.Mean(state.Slice(Layout.NegativeShell(k, 0), Layout.NegativeShells));
                layer += ap.NegativeActiveFraction * (negative.Evaluate(arg) - p.Negative.ReferenceVolumeChange) * w;
            }
        }

        if (p.Positive.VolumeChange is { } positive)
        {
            arg[0] = _positiveParticle.Mean(state.Slice(Layout.PositiveParticleStart, Layout.PositiveShells));
            layer += ap.PositiveActiveFraction * (positive.Evaluate(arg) - p.Positive.ReferenceVolumeChange) * p.Positive.Thickness_m;
        }

        return (p.ElectrodesInParallel * layer) + (p.ThermalExpansion_MPerK * (temperature_K - p.ReferenceTemperature_K));
    }
}
