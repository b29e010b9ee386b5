namespace ChargeTwin.HilBench.Plant;

public sealed partial class DfnModel
{
    /// <summary>
    /// Intercalation (symmetric Butler–Volmer), plating/stripping (O'Kane) and SEI currents of one
    /// electrode volume, with their partial derivatives when <paramref name="partials"/> is set.
    /// </summary>
    private void EvaluateKinetics(int m, ReadOnlySpan<double> y, bool partials, ref InterfaceKinetics k)
    {
        var ep = ElectrodeOf(m);
        var negative = Mesh.Region[m] == CellRegion.Negative;
        var shells = Mesh.Particle(m).Shells;
        var s0 = Indices.ParticleStart[m];
        var cLast = y[s0 + shells - 1];
        var cPrev = y[s0 + shells - 2];
        var cMax = ep.MaxConcentration_molPerM3;
        var ce = y[Indices.ElectrolyteConcentration[m]];
        var phis = y[Indices.SolidPotential[m]];
        var phie = y[Indices.ElectrolytePotential[m]];
        var temperature = y[Indices.Temperature];
        var current = ElectrochemicalCurrent(y);

        // Surface concentration by linear extrapolation from the last two shells (PyBaMM's default).
        var cs = 1.5 * cLast - 0.5 * cPrev;
        var x = cs / cMax;
        k.SurfaceConcentration = cs;
        k.SurfaceStoichiometry = x;

        Span<double> args = stackalloc double[4];
        Span<double> grad = stackalloc double[4];

        var xc = Clamp(x, StoichiometryClip, 1 - StoichiometryClip, out var xInside);
        args[0] = xc;
        double u, dudx = 0, dudt = 0, dudtdx = 0;
        if (partials)
        {
            u = ep.OpenCircuitPotential.Evaluate(args[..1], grad[..1]);
            dudx = xInside ? grad[0] : 0;
            if (ep.EntropicChange is { } entropic)
            {
                dudt = entropic.Evaluate(args[..1], grad[..1]);
                dudtdx = xInside ? grad[0] : 0;
            }
        }
        else
        {
            u = ep.OpenCircuitPotential.Evaluate(args[..1]);
            if (ep.EntropicChange is { } entropic)
            {
                dudt = entropic.Evaluate(args[..1]);
            }
        }

        var dT = temperature - Parameters.ReferenceTemperature_K;
        k.OpenCircuitPotential_V = u + dT * dudt;
        k.EntropicChange_VPerK = dudt;
        var dU_dcs = (dudx + dT * dudtdx) / cMax;
        k.U_cs = dU_dcs;
        k.DUdT_cs = dudtdx / cMax;

        // Exchange-current density j0(c_e, c_s, c_max, T), arguments kept inside their domain.
        var ceJ = Clamp(ce, 1e-6, double.MaxValue, out var ceInside);
        var csJ = Clamp(cs, 1e-9 * cMax, (1 - 1e-9) * cMax, out var csInside);
        args[0] = ceJ;
        args[1] = csJ;
        args[2] = cMax;
        args[3] = temperature;
        double j0, dj0_dce = 0, dj0_dcs = 0, dj0_dT = 0;
        if (partials)
        {
            j0 = ep.ExchangeCurrentDensity.Evaluate(args, grad);
            dj0_dce = ceInside ? grad[0] : 0;
            dj0_dcs = csInside ? grad[1] : 0;
            dj0_dT = grad[3];
        }
        else
        {
            j0 = ep.ExchangeCurrentDensity.Evaluate(args);
        }

        k.ExchangeCurrentDensity = j0;

        // SEI film overpotential (film resistance with the electrode-average current, PyBaMM's "average").
        double film = 0, dFilm_dL = 0, dFilm_dI = 0, seiThickness = 0;
        var hasFilm = negative && Indices.HasSei;
        if (hasFilm)
        {
            seiThickness = y[Indices.SeiThickness[m]];
            var jAvg = NegativeAverageCurrentDensity(current);
            var rho = Parameters.SeiResistivity_OhmM;
            film = -jAvg * seiThickness * rho;
            dFilm_dL = -jAvg * rho;
            dFilm_dI = seiThickness * rho / (Parameters.ElectrodeArea_m2 * Parameters.Negative.SurfaceAreaDensity_perM * Parameters.Negative.Thickness_m);
        }

        k.FilmOverpotential_V = film;
        k.Film_L = dFilm_dL;
        k.Film_I = dFilm_dI;

        var f = PhysicalConstants.Faraday / (PhysicalConstants.GasConstant * temperature);
        var eta = phis - phie - k.OpenCircuitPotential_V + film;
        k.Overpotential_V = eta;
        var half = 0.5 * f * eta;
        var sh = Math.Sinh(half);
        k.Intercalation = 2 * j0 * sh;

        if (partials)
        {
            var jEta = j0 * Math.Cosh(half) * f;
            var dj_dcs = 2 * sh * dj0_dcs - jEta * dU_dcs;
            k.J_cLast = 1.5 * dj_dcs;
            k.J_cPrev = -0.5 * dj_dcs;
            k.J_ce = 2 * sh * dj0_dce;
            k.J_phis = jEta;
            k.J_phie = -jEta;
            k.J_T = 2 * sh * dj0_dT - jEta * eta / temperature - jEta * dudt;
            k.J_L = jEta * dFilm_dL;
            k.J_I = jEta * dFilm_dI;
        }

        // Lithium plating / stripping against Li/Li⁺ (no OCP term).
        k.PlatingOverpotential_V = phis - phie + film;
        k.Stripping = 0;
        k.S_cpl = k.S_ce = k.S_phis = k.S_phie = k.S_T = k.S_L = k.S_I = 0;
        if (negative && Indices.HasPlating)
        {
            var etaLi = k.PlatingOverpotential_V;
            var alphaPlating = Parameters.PlatingTransferCoefficient;
            var alphaStripping = 1 - alphaPlating;
            var kF = PhysicalConstants.Faraday * Parameters.PlatingRateConstant_MPerS;
            var cPlated = y[Indices.PlatedLithium[m]];
            var expStrip = Math.Exp(f * alphaStripping * etaLi);
            var expPlate = Math.Exp(-f * alphaPlating * etaLi);
            var plate = kF * ce * expPlate;
            var strip = Options.Plating == PlatingModel.Irreversible ? 0.0 : kF * cPlated * expStrip;
            k.Stripping = strip - plate;
            if (partials)
            {
                var sEta = f * (alphaStripping * strip + alphaPlating * plate);
                k.S_cpl = Options.Plating == PlatingModel.Irreversible ? 0.0 : kF * expStrip;
                k.S_ce = -kF * expPlate;
                k.S_phis = sEta;
                k.S_phie = -sEta;
                k.S_T = -sEta * etaLi / temperature;
                k.S_L = sEta * dFilm_dL;
                k.S_I = sEta * dFilm_dI;
            }
        }

        // SEI formation.
        k.Sei = 0;
        k.E_L = k.E_T = k.E_phis = k.E_phie = k.E_I = 0;
        if (negative && Indices.HasSei)
        {
            var activation = Parameters.SeiActivationEnergy_JPerMol;
            var arr = Math.Exp(activation / PhysicalConstants.GasConstant * (1 / Parameters.ReferenceTemperature_K - 1 / temperature));
            var dlnArr_dT = activation / (PhysicalConstants.GasConstant * temperature * temperature);
            if (Options.Sei == SeiModel.SolventDiffusionLimited)
            {
                var l = Math.Max(seiThickness, 1e-12);
                k.Sei = -Parameters.SeiSolventDiffusivity_M2PerS * Parameters.SeiBulkSolventConcentration_molPerM3 * PhysicalConstants.Faraday / l * arr;
                if (partials)
                {
                    k.E_L = seiThickness > 1e-12 ? -k.Sei / l : 0;
                    k.E_T = k.Sei * dlnArr_dT;
                }
            }
            else
            {
                var etaSei = phis - phie - Parameters.SeiOpenCircuitPotential_V + film;
                k.Sei = -Parameters.SeiExchangeCurrentDensity_APerM2 * Math.Exp(-0.5 * f * etaSei) * arr;
                if (partials)
                {
                    var dEta = -0.5 * f * k.Sei;
                    k.E_phis = dEta;
                    k.E_phie = -dEta;
                    k.E_L = dEta * dFilm_dL;
                    k.E_I = dEta * dFilm_dI;
                    k.E_T = k.Sei * (dlnArr_dT + 0.5 * etaSei * f / temperature);
                }
            }
        }
    }
}
