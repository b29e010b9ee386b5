namespace ChargeTwin.HilBench.Plant;

public sealed partial class DfnModel
{
    private double _negativeReferenceSwelling = double.NaN;
    private double _positiveReferenceSwelling = double.NaN;

    /// <summary>
    /// A state at rest at the given SOC: uniform particle concentrations from the stoichiometry
    /// windows, uniform electrolyte, potentials at open circuit, temperature at its initial value.
    /// The algebraic unknowns are a starting guess; the integrator makes them consistent.
    /// </summary>
    public double[] InitialState(double stateOfCharge, StoichiometryWindows windows)
    {
        if (!(stateOfCharge >= 0 && stateOfCharge <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(stateOfCharge), stateOfCharge, "initial SOC must lie in [0, 1]");
        }

        var y = new double[Indices.Size];
        var x = windows.NegativeStoichiometry(stateOfCharge);
        var yp = windows.PositiveStoichiometry(stateOfCharge);
        var t0 = Parameters.InitialTemperature_K;
        var un = StoichiometryWindows.Ocp(Parameters.Negative, x, t0, Parameters.ReferenceTemperature_K);
        var up = StoichiometryWindows.Ocp(Parameters.Positive, yp, t0, Parameters.ReferenceTemperature_K);
        for (var m = 0; m < Mesh.Volumes; m++)
        {
            var region = Mesh.Region[m];
            if (region != CellRegion.Separator)
            {
                var c = region == CellRegion.Negative ? x * Parameters.Negative.MaxConcentration_molPerM3 : yp * Parameters.Positive.MaxConcentration_molPerM3;
                var s0 = Indices.ParticleStart[m];
                for (var k = 0; k < Mesh.Particle(m).Shells; k++)
                {
                    y[s0 + k] = c;
                }

                y[Indices.SolidPotential[m]] = region == CellRegion.Negative ? 0.0 : up - un;
            }

            if (Indices.PlatedLithium[m] >= 0)
            {
                y[Indices.PlatedLithium[m]] = Parameters.InitialPlatedLithium_molPerM3;
            }

            if (Indices.SeiThickness[m] >= 0)
            {
                y[Indices.SeiThickness[m]] = Parameters.InitialSeiThickness_m;
            }

            y[Indices.ElectrolyteConcentration[m]] = Parameters.InitialElectrolyteConcentration_molPerM3;
            y[Indices.ElectrolytePotential[m]] = -un;
        }

        y[Indices.Temperature] = t0;
        y[Indices.Current] = Mode == OperatingMode.Current ? Setpoint : 0;
        return y;
    }

    /// <summary>Particle-averaged stoichiometry of volume m.</summary>
    public double AverageStoichiometry(ReadOnlySpan<double> y, int m)
    {
        var pm = Mesh.Particle(m);
        var s0 = Indices.ParticleStart[m];
        var sum = 0.0;
        for (var k = 0; k < pm.Shells; k++)
        {
            sum += y[s0 + k] * pm.ShellVolumeFactor[k];
        }

        return sum / pm.VolumeFactor / ElectrodeOf(m).MaxConcentration_molPerM3;
    }

    /// <summary>
    /// Fills the measurable quantities only — terminal current and voltage, temperature, thickness change and stack
    /// pressure —, what a sensor front end samples between control instants: no kinetics, far cheaper than
    /// <see cref="Observe"/>, which leaves the same values.
    /// </summary>
    public void ObserveTerminals(double t, ReadOnlySpan<double> y, ref PlantSample s)
    {
        s.Time_s = t;
        s.Current_A = y[Indices.Current];
        s.Voltage_V = TerminalVoltage(y);
        s.Temperature_K = y[Indices.Temperature];
        s.ThicknessChange_m = ThicknessChange(y, s.Temperature_K);
        s.StackPressure_Pa = Options.FixturePreload_Pa + Options.FixtureStiffness_NPerM / Options.FixtureArea_m2 * s.ThicknessChange_m;
    }

    /// <summary>Fills the measurable quantities and the hidden truth of state y.</summary>
    public void Observe(double t, ReadOnlySpan<double> y, StoichiometryWindows windows, ref PlantSample s)
    {
        var p = Parameters;
        var area = p.ElectrodeArea_m2;
        ObserveTerminals(t, y, ref s);

        double particle = 0, electrolyte = 0, plated = 0, dead = 0, sei = 0, negativeSide = 0;
        double xAvgNeg = 0, surfNeg = 0, surfPos = 0, minEta = double.PositiveInfinity, minCe = double.PositiveInfinity;
        var nn = Mesh.NegativeVolumes;
        var np = Mesh.PositiveVolumes;
        for (var m = 0; m < Mesh.Volumes; m++)
        {
            var w = Mesh.Width_m[m];
            var ce = y[Indices.ElectrolyteConcentration[m]];
            electrolyte += Mesh.Porosity[m] * ce * w;
            minCe = Math.Min(minCe, ce);
            if (Mesh.Region[m] == CellRegion.Separator)
            {
                continue;
            }

            var ep = ElectrodeOf(m);
            var xAvg = AverageStoichiometry(y, m);
            var lithium = ep.ActiveMaterialFraction * xAvg * ep.MaxConcentration_molPerM3 * w;
            particle += lithium;
            EvaluateKinetics(m, y, false, ref _kinetics[m]);
            if (Mesh.Region[m] == CellRegion.Negative)
            {
                negativeSide += lithium;
                xAvgNeg += xAvg / nn;
                surfNeg += _kinetics[m].SurfaceStoichiometry / nn;
                minEta = Math.Min(minEta, _kinetics[m].PlatingOverpotential_V);
                if (Indices.PlatedLithium[m] >= 0)
                {
                    var cp = y[Indices.PlatedLithium[m]] * w;
                    var cd = y[Indices.DeadLithium[m]] * w;
                    plated += cp;
                    dead += cd;
                    negativeSide += cp + cd;
                }

                if (Indices.SeiThickness[m] >= 0)
                {
                    var lithiumInSei = GrownSeiVolume(y, m) * p.LithiumPerSeiMole / p.SeiMolarVolume_M3PerMol;
                    sei += lithiumInSei;
                    negativeSide += lithiumInSei;
                }
            }
            else
            {
                surfPos += _kinetics[m].SurfaceStoichiometry / np;
            }
        }

        // The interface values are extrapolated linearly from the last two negative volumes.
        var etaLast = _kinetics[nn - 1].PlatingOverpotential_V;
        var etaPrev = _kinetics[nn - 2].PlatingOverpotential_V;
        s.PlatingOverpotential_V = etaLast + 0.5 * (etaLast - etaPrev);
        s.MinimumPlatingOverpotential_V = Math.Min(minEta, s.PlatingOverpotential_V);
        var xLast = _kinetics[nn - 1].SurfaceStoichiometry;
        var xPrev = _kinetics[nn - 2].SurfaceStoichiometry;
        s.NegativeSurfaceStoichiometryAtSeparator = xLast + 0.5 * (xLast - xPrev);
        s.NegativeSurfaceStoichiometryAverage = surfNeg;
        s.PositiveSurfaceStoichiometryAverage = surfPos;
        s.StateOfCharge = windows.StateOfCharge(xAvgNeg);
        s.ParticleLithium_mol = particle * area;
        s.ElectrolyteLithium_mol = electrolyte * area;
        s.PlatedLithium_mol = plated * area;
        s.DeadLithium_mol = dead * area;
        s.SeiLithium_mol = sei * area;
        s.NegativeSideLithium_mol = negativeSide * area;
        s.MinimumElectrolyteConcentration_molPerM3 = minCe;
    }

    /// <summary>
    /// Cell thickness change: particle swelling of each electrode (ΔL = Σ ε_s ΔV/V dx), plated lithium and SEI volume
    /// per electrode area, per layer times the layers in parallel, plus reversible thermal expansion.
    /// </summary>
    private double ThicknessChange(ReadOnlySpan<double> y, double temperature_K)
    {
        var p = Parameters;
        var layerChange = 0.0;
        Span<double> arg = stackalloc double[1];
        for (var m = 0; m < Mesh.Volumes; m++)
        {
            if (Mesh.Region[m] == CellRegion.Separator)
            {
                continue;
            }

            var ep = ElectrodeOf(m);
            var w = Mesh.Width_m[m];
            if (ep.VolumeChange is { } volumeChange)
            {
                layerChange += ep.ActiveMaterialFraction * (Evaluate(volumeChange, arg, AverageStoichiometry(y, m)) - ReferenceVolumeChange(Mesh.Region[m])) * w;
            }

            if (Mesh.Region[m] == CellRegion.Negative && Indices.PlatedLithium[m] >= 0)
            {
                layerChange += (y[Indices.PlatedLithium[m]] + y[Indices.DeadLithium[m]]) * w * p.LithiumMolarVolume_M3PerMol;
            }

            if (Mesh.Region[m] == CellRegion.Negative && Indices.SeiThickness[m] >= 0)
            {
                layerChange += GrownSeiVolume(y, m);
            }
        }

        return p.ElectrodesInParallel * layerChange + p.ThermalExpansion_MPerK * (temperature_K - p.ReferenceTemperature_K);
    }

    /// <summary>SEI grown since the initial thickness in negative volume m, per electrode area [m³/m²].</summary>
    private double GrownSeiVolume(ReadOnlySpan<double> y, int m) =>
        (y[Indices.SeiThickness[m]] - Parameters.InitialSeiThickness_m) * Mesh.SurfaceAreaDensity_perM[m] * Mesh.Width_m[m];

    /// <summary>Particle volume change at the set's initial stoichiometry, the zero of the thickness change.</summary>
    private double ReferenceVolumeChange(CellRegion region)
    {
        ref var cached = ref region == CellRegion.Negative ? ref _negativeReferenceSwelling : ref _positiveReferenceSwelling;
        if (double.IsNaN(cached))
        {
            var ep = region == CellRegion.Negative ? Parameters.Negative : Parameters.Positive;
            Span<double> arg = stackalloc double[1];
            cached = ep.VolumeChange is { } f ? Evaluate(f, arg, ep.InitialConcentration_molPerM3 / ep.MaxConcentration_molPerM3) : 0;
        }

        return cached;
    }

    private static double Evaluate(Cells.CellFunction f, Span<double> arg, double x)
    {
        arg[0] = x;
        return f.Evaluate(arg);
    }
}
