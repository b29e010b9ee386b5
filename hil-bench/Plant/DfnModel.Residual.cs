namespace ChargeTwin.HilBench.Plant;

public sealed partial class DfnModel
{
    public void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> r)
    {
        var n = Mesh.Volumes;
        var temperature = y[Indices.Temperature];
        var current = y[Indices.Current];

        for (var m = 0; m < n; m++)
        {
            if (Mesh.Region[m] != CellRegion.Separator)
            {
                EvaluateKinetics(m, y, false, ref _kinetics[m]);
                ParticleResidual(m, y, yp, r, temperature);
            }
        }

        SurfaceStateResiduals(y, yp, r);
        ElectrolyteEdges(y, temperature, false);
        for (var m = 0; m < n; m++)
        {
            var a = Mesh.SurfaceAreaDensity_perM[m];
            var w = Mesh.Width_m[m];
            var jTot = Mesh.Region[m] == CellRegion.Separator ? 0.0 : _kinetics[m].Total;
            var ce = Indices.ElectrolyteConcentration[m];
            r[ce] = Mesh.Porosity[m] * yp[ce]
                + (_electrolyteFlux[m + 1] - _electrolyteFlux[m]) / w
                - a * jTot / PhysicalConstants.Faraday;
            r[Indices.ElectrolytePotential[m]] = _electrolyteCurrent[m + 1] - _electrolyteCurrent[m] - a * jTot * w;
        }

        SolidEdges(y, ElectrochemicalCurrent(y));
        for (var m = 0; m < n; m++)
        {
            if (Mesh.Region[m] != CellRegion.Separator)
            {
                var a = Mesh.SurfaceAreaDensity_perM[m];
                r[Indices.SolidPotential[m]] = _solidCurrent[m + 1] - _solidCurrent[m] + a * _kinetics[m].Total * Mesh.Width_m[m];
            }
        }

        r[Indices.Temperature] = Options.Thermal == ThermalModel.Isothermal
            ? temperature - Parameters.Ambient_K
            : Parameters.VolumetricHeatCapacity_JPerM3K * yp[Indices.Temperature] - ThermalSource_WPerM3(y);

        if (Indices.ShortCurrent >= 0)
        {
            r[Indices.ShortCurrent] = y[Indices.ShortCurrent] - (_faults.ShortConductance_S * StackVoltage(y));
        }

        r[Indices.Current] = Mode switch
        {
            OperatingMode.Current => current - CurrentSetpoint(t),
            OperatingMode.Voltage => TerminalVoltage(y) - Setpoint,
            _ => current * TerminalVoltage(y) - Setpoint,
        };
    }

    /// <summary>Fickian diffusion in the spherical particle of volume m; flux j/F leaves at the surface.</summary>
    private void ParticleResidual(int m, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> r, double temperature)
    {
        var ep = ElectrodeOf(m);
        var pm = Mesh.Particle(m);
        var s0 = Indices.ParticleStart[m];
        var shells = pm.Shells;
        var cMax = ep.MaxConcentration_molPerM3;
        var dependsOnX = Mesh.Region[m] == CellRegion.Negative ? NegativeDiffusivityDependsOnStoichiometry : PositiveDiffusivityDependsOnStoichiometry;
        Span<double> args = stackalloc double[2];
        args[1] = temperature;
        if (dependsOnX)
        {
            for (var k = 0; k < shells; k++)
            {
                args[0] = Clamp(y[s0 + k] / cMax, StoichiometryClip, 1 - StoichiometryClip, out _);
                _particleDiffusivity[k] = ep.Diffusivity.Evaluate(args);
            }
        }
        else
        {
            args[0] = 0.5;
            var d = ep.Diffusivity.Evaluate(args);
            for (var k = 0; k < shells; k++)
            {
                _particleDiffusivity[k] = d;
            }
        }

        var dr = pm.Spacing_m;
        var area = pm.EdgeAreaFactor;
        var volume = pm.ShellVolumeFactor;
        var inner = 0.0; // r² N at the inner edge of shell k
        for (var k = 0; k < shells; k++)
        {
            double outer;
            if (k < shells - 1)
            {
                var d0 = _particleDiffusivity[k];
                var d1 = _particleDiffusivity[k + 1];
                var dEdge = 2 * d0 * d1 / (d0 + d1);
                outer = -area[k + 1] * dEdge * (y[s0 + k + 1] - y[s0 + k]) / dr;
            }
            else
            {
                outer = area[shells] * _kinetics[m].Intercalation / PhysicalConstants.Faraday;
            }

            r[s0 + k] = yp[s0 + k] + (outer - inner) / volume[k];
            inner = outer;
        }
    }

    /// <summary>Plated lithium, dead lithium and SEI thickness of each negative volume.</summary>
    private void SurfaceStateResiduals(ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> r)
    {
        for (var m = 0; m < Mesh.NegativeVolumes; m++)
        {
            ref readonly var k = ref _kinetics[m];
            var a = Mesh.SurfaceAreaDensity_perM[m];
            var seiThickness = Indices.HasSei ? y[Indices.SeiThickness[m]] : Parameters.InitialSeiThickness_m;
            if (Indices.HasPlating)
            {
                var ipl = Indices.PlatedLithium[m];
                var idead = Indices.DeadLithium[m];
                var deposition = -a * k.Stripping / PhysicalConstants.Faraday; // mol/(m³ s), positive while plating
                switch (Options.Plating)
                {
                    case PlatingModel.Reversible:
                        r[ipl] = yp[ipl] - deposition;
                        r[idead] = yp[idead];
                        break;
                    case PlatingModel.Irreversible:
                        r[ipl] = yp[ipl];
                        r[idead] = yp[idead] - deposition;
                        break;
                    default:
                        var decay = DeadLithiumRate(seiThickness, out _) * y[ipl];
                        r[ipl] = yp[ipl] - deposition + decay;
                        r[idead] = yp[idead] - decay;
                        break;
                }
            }

            if (Indices.HasSei)
            {
                var isei = Indices.SeiThickness[m];
                r[isei] = yp[isei] + k.Sei * Parameters.SeiMolarVolume_M3PerMol / (PhysicalConstants.Faraday * Parameters.LithiumPerSeiMole);
            }
        }
    }

    /// <summary>
    /// Electrolyte current and lithium flux at every edge (zero at both collectors):
    /// i_e = κ_eff (χRT/(Fc) ∇c_e − ∇φ_e), N_e = −D_eff ∇c_e + t⁺ i_e / F. Effective diffusivity
    /// and χ are harmonic means of the neighbours (width-weighted), κ_eff their arithmetic mean, as in PyBaMM.
    /// </summary>
    private void ElectrolyteEdges(ReadOnlySpan<double> y, double temperature, bool partials)
    {
        var n = Mesh.Volumes;
        var tPlus = Parameters.TransferenceNumber;
        Span<double> args = stackalloc double[2];
        Span<double> grad = stackalloc double[2];
        args[1] = temperature;
        var rtOverF = PhysicalConstants.GasConstant * temperature / PhysicalConstants.Faraday;
        for (var m = 0; m < n; m++)
        {
            var c = y[Indices.ElectrolyteConcentration[m]];
            var tor = Mesh.TransportEfficiency[m];
            args[0] = Clamp(c, ElectrolyteFloorTransport_molPerM3, double.MaxValue, out var inside);
            if (partials)
            {
                ref var ed = ref _nodeDerivatives[m];
                _diffusivityEff[m] = tor * Parameters.ElectrolyteDiffusivity.Evaluate(args, grad);
                ed.D_c = inside ? tor * grad[0] : 0;
                ed.D_T = tor * grad[1];
                _conductivityEff[m] = tor * Parameters.ElectrolyteConductivity.Evaluate(args, grad);
                ed.K_c = inside ? tor * grad[0] : 0;
                ed.K_T = tor * grad[1];
                var cChi = Clamp(c, ElectrolyteFloorChi_molPerM3, double.MaxValue, out var chiInside);
                args[0] = cChi;
                var tdf = Parameters.ThermodynamicFactor.Evaluate(args, grad);
                var pre = rtOverF * 2 * (1 - tPlus);
                _chi[m] = pre * tdf / cChi;
                ed.Chi_c = chiInside ? pre * (grad[0] / cChi - tdf / (cChi * cChi)) : 0;
                ed.Chi_T = _chi[m] / temperature + pre * grad[1] / cChi;
            }
            else
            {
                _diffusivityEff[m] = tor * Parameters.ElectrolyteDiffusivity.Evaluate(args);
                _conductivityEff[m] = tor * Parameters.ElectrolyteConductivity.Evaluate(args);
                var cChi = Math.Max(c, ElectrolyteFloorChi_molPerM3);
                args[0] = cChi;
                _chi[m] = rtOverF * 2 * (1 - tPlus) * Parameters.ThermodynamicFactor.Evaluate(args) / cChi;
            }
        }

        _electrolyteCurrent[0] = _electrolyteCurrent[n] = 0;
        _electrolyteFlux[0] = _electrolyteFlux[n] = 0;
        _electrolytePotentialGradient[0] = _electrolytePotentialGradient[n] = 0;
        for (var e = 1; e < n; e++)
        {
            var wl = Mesh.Width_m[e - 1];
            var wr = Mesh.Width_m[e];
            var distance = 0.5 * (wl + wr);
            var beta = wl / (wl + wr);
            var dL = _diffusivityEff[e - 1];
            var dR = _diffusivityEff[e];
            var dEdge = 1 / (beta / dL + (1 - beta) / dR);
            var xL = _chi[e - 1];
            var xR = _chi[e];
            var chiEdge = 1 / (beta / xL + (1 - beta) / xR);
            var kappaEdge = 0.5 * (_conductivityEff[e - 1] + _conductivityEff[e]);
            var gradC = (y[Indices.ElectrolyteConcentration[e]] - y[Indices.ElectrolyteConcentration[e - 1]]) / distance;
            var gradPhi = (y[Indices.ElectrolytePotential[e]] - y[Indices.ElectrolytePotential[e - 1]]) / distance;
            var ie = kappaEdge * (chiEdge * gradC - gradPhi);
            _electrolyteCurrent[e] = ie;
            _electrolytePotentialGradient[e] = gradPhi;
            _electrolyteFlux[e] = -dEdge * gradC + tPlus * ie / PhysicalConstants.Faraday;
            if (partials)
            {
                ref readonly var nl = ref _nodeDerivatives[e - 1];
                ref readonly var nr = ref _nodeDerivatives[e];
                ref var ed = ref _edgeDerivatives[e];

                // Harmonic means: ∂H/∂a = H² β / a², ∂H/∂b = H² (1 − β) / b².
                var dEdge_dL = dEdge * dEdge * beta / (dL * dL);
                var dEdge_dR = dEdge * dEdge * (1 - beta) / (dR * dR);
                var chi_dL = chiEdge * chiEdge * beta / (xL * xL);
                var chi_dR = chiEdge * chiEdge * (1 - beta) / (xR * xR);
                var drive = chiEdge * gradC - gradPhi;

                ed.I_cL = 0.5 * nl.K_c * drive + kappaEdge * (chi_dL * nl.Chi_c * gradC - chiEdge / distance);
                ed.I_cR = 0.5 * nr.K_c * drive + kappaEdge * (chi_dR * nr.Chi_c * gradC + chiEdge / distance);
                ed.I_phiL = kappaEdge / distance;
                ed.I_phiR = -kappaEdge / distance;
                ed.I_T = 0.5 * (nl.K_T + nr.K_T) * drive + kappaEdge * (chi_dL * nl.Chi_T + chi_dR * nr.Chi_T) * gradC;

                var tf = tPlus / PhysicalConstants.Faraday;
                ed.N_cL = -dEdge_dL * nl.D_c * gradC + dEdge / distance + tf * ed.I_cL;
                ed.N_cR = -dEdge_dR * nr.D_c * gradC - dEdge / distance + tf * ed.I_cR;
                ed.N_phiL = tf * ed.I_phiL;
                ed.N_phiR = tf * ed.I_phiR;
                ed.N_T = -(dEdge_dL * nl.D_T + dEdge_dR * nr.D_T) * gradC + tf * ed.I_T;
            }
        }
    }

    /// <summary>
    /// Solid-phase current i_s = −σ_eff ∇φ_s at every electrode edge: φ_s = 0 at the negative
    /// collector, no solid current into the separator, and i_s = I/A (discharge positive) at the positive collector,
    /// with I the current through the electrodes (<see cref="ElectrochemicalCurrent"/>).
    /// </summary>
    private void SolidEdges(ReadOnlySpan<double> y, double current)
    {
        var nn = Mesh.NegativeVolumes;
        var sigmaN = Parameters.Negative.EffectiveConductivity_SPerM;
        var wN = Mesh.Width_m[0];
        _solidCurrent[0] = -sigmaN * y[Indices.SolidPotential[0]] / (0.5 * wN);
        for (var e = 1; e < nn; e++)
        {
            _solidCurrent[e] = -sigmaN * (y[Indices.SolidPotential[e]] - y[Indices.SolidPotential[e - 1]]) / wN;
        }

        _solidCurrent[nn] = 0;
        var p0 = Mesh.FirstPositive;
        var n = Mesh.Volumes;
        var sigmaP = Parameters.Positive.EffectiveConductivity_SPerM;
        var wP = Mesh.Width_m[p0];
        _solidCurrent[p0] = 0;
        for (var e = p0 + 1; e < n; e++)
        {
            _solidCurrent[e] = -sigmaP * (y[Indices.SolidPotential[e]] - y[Indices.SolidPotential[e - 1]]) / wP;
        }

        _solidCurrent[n] = -current / Parameters.ElectrodeArea_m2;
    }
}
