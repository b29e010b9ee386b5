namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// The twin's reduced-order electrochemical–thermal–swelling cell model: what the estimator and the admissible-current
/// solver run every control period.
/// <para>
/// Physics (charge current positive at the terminals; inside, PyBaMM's discharge-positive current densities, as in the
/// plant): the negative electrode is a reduced pseudo-two-dimensional model — a few x-volumes, each with its own
/// spherical particle, the current distribution among them from φ_s − φ_e (solid and electrolyte Ohm's law,
/// concentrated-solution diffusion potential, symmetric Butler–Volmer, SEI film) solved every call; the positive
/// electrode is one particle with a uniform reaction; the electrolyte diffuses on a coarse x-mesh over the whole cell
/// (the SPMe's electrolyte, Marquis et al. 2019, on a few finite volumes). With one negative volume the model is an
/// SPMe. Heat is the plant's lumped heat (ohmic, reaction, reversible, contact) in a one- or two-node thermal model;
/// thickness change from the particles' volume change and thermal expansion.
/// </para>
/// <para>
/// Numerics: fixed step. Particle and electrolyte diffusion are linear given the fluxes and are stepped by implicit
/// Euler; the interfacial currents are solved at the start-of-step concentrations with each particle's implicit
/// surface response to its own flux (∂c_surf/∂j over the step, through ∂U/∂x) included, so the current
/// redistribution between volumes stays stable at 10 s steps. The heat source is explicit, the thermal network
/// implicit. Allocation-free: every buffer is made in the constructor. One instance serves one thread.
/// </para>
/// </summary>
public sealed partial class ReducedCellModel
{
    public ReducedCellModel(TwinParameters parameters, ReducedModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        Options = options ?? new ReducedModelOptions();
        Options.Validate();
        Layout = new TwinLayout(Options);
        _negativeParticle = new ParticleShells(parameters.Negative.ParticleRadius_m, Options.NegativeShells);
        _positiveParticle = new ParticleShells(parameters.Positive.ParticleRadius_m, Options.PositiveShells);
        _nn = Options.NegativeVolumes;
        _ns = Options.SeparatorVolumes;
        _np = Options.PositiveVolumes;
        _ne = _nn + _ns + _np;
        var shells = Math.Max(Math.Max(Options.NegativeShells, Options.PositiveShells), _ne);
        _lower = new double[shells];
        _diagonal = new double[shells];
        _upper = new double[shells];
        _work = new double[shells];
        _work2 = new double[shells];
        _edgeResidual = new double[_nn + 1];
        _edgeTrial = new double[_nn + 1];
        _conductance = new double[shells];
        _shellDiffusivity = new double[shells];
        _negativeFree = new double[_nn * Options.NegativeShells];
        _negativeResponse = new double[_nn * Options.NegativeShells];
        _positiveFree = new double[Options.PositiveShells];
        _positiveResponse = new double[Options.PositiveShells];
        _negative = new VolumeKinetics[_nn];
        (_width, _porosity, _transport, _distance) = ElectrolyteMesh(parameters, _nn, _ns, _np);
        _ce = new double[_ne];
        _ceNext = new double[_ne];
        _diffusivityEff = new double[_ne];
        _conductivityEff = new double[_ne];
        _chi = new double[_ne];
        _phiE = new double[_ne];
        _diffusivityEdge = new double[_ne + 1];
        _conductivityEdge = new double[_ne + 1];
        _chiEdge = new double[_ne + 1];
        _gradient = new double[_ne + 1];
        _electrolyteCurrent = new double[_ne + 1];
    }

    public TwinParameters Parameters { get; }
    public ReducedModelOptions Options { get; }
    public TwinLayout Layout { get; }

    /// <summary>
    /// Uniform particles at <paramref name="stateOfCharge"/> of the nominal fresh cell's windows (PyBaMM's initial
    /// state, as the plant sets it), electrolyte at rest (c_e = c_e,0), both temperatures at
    /// <paramref name="temperature_K"/>, parameter block 0 (the cell file's values).
    /// </summary>
    public void Initialise(Span<double> state, double stateOfCharge, double temperature_K)
    {
        CheckLength(state.Length, nameof(state));
        if (!(stateOfCharge >= 0 && stateOfCharge <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(stateOfCharge), stateOfCharge, "SOC must lie in [0, 1]");
        }

        var w = Parameters.NominalWindows;
        state.Slice(Layout.NegativeParticleStart, _nn * Layout.NegativeShells).Fill(w.NegativeStoichiometry(stateOfCharge));
        state.Slice(Layout.PositiveParticleStart, Layout.PositiveShells).Fill(w.PositiveStoichiometry(stateOfCharge));
        state.Slice(Layout.ElectrolyteStart, _ne).Fill(1.0);
        state[Layout.CoreTemperature] = temperature_K;
        state[Layout.SurfaceTemperature] = temperature_K;
        state.Slice(Layout.ParameterStart, Layout.ParameterCount).Clear();
    }

    /// <summary>
    /// Advances <paramref name="state"/> by <paramref name="dt_s"/> at constant <paramref name="current_A"/> (charge
    /// positive) and ambient <paramref name="ambient_K"/> into <paramref name="next"/>; the parameter block is copied
    /// unchanged. <paramref name="state"/> and <paramref name="next"/> may be the same span (everything is read before
    /// anything is written). Allocation-free.
    /// </summary>
    public void Step(ReadOnlySpan<double> state, double current_A, double ambient_K, double dt_s, Span<double> next)
    {
        CheckLength(state.Length, nameof(state));
        CheckLength(next.Length, nameof(next));
        if (!(dt_s > 0) || double.IsInfinity(dt_s))
        {
            throw new ArgumentOutOfRangeException(nameof(dt_s), dt_s, "the step must be positive and finite");
        }

        var ap = new AppliedParameters(Parameters, Layout, state);
        var core = state[Layout.CoreTemperature];
        var surface = state[Layout.SurfaceTemperature];
        Solve(state, ap, current_A, core, dt_s);
        var heat = Heat(ap, current_A, core);

        state.Slice(Layout.ParameterStart, Layout.ParameterCount).CopyTo(next.Slice(Layout.ParameterStart, Layout.ParameterCount));
        AdvanceParticles(next);
        AdvanceElectrolyte(ap, dt_s, next);
        AdvanceTemperatures(ap, heat, core, surface, ambient_K, dt_s, next);
    }

    /// <summary>
    /// The algebraic outputs of <paramref name="state"/> with <paramref name="current_A"/> flowing: the voltage includes
    /// the instantaneous overpotentials of that current. Allocation-free.
    /// </summary>
    public void Evaluate(ReadOnlySpan<double> state, double current_A, double ambient_K, out TwinOutputs outputs)
    {
        CheckLength(state.Length, nameof(state));
        _ = ambient_K; // the outputs depend on the state and the current only; kept for the solver's symmetric calls
        var ap = new AppliedParameters(Parameters, Layout, state);
        var core = state[Layout.CoreTemperature];
        Solve(state, ap, current_A, core, 0);
        outputs = default;
        outputs.Voltage_V = _terminalVoltage_V;
        outputs.CoreTemperature_K = core;
        outputs.SurfaceTemperature_K = state[Layout.SurfaceTemperature];
        outputs.PlatingOverpotential_V = _platingOverpotential_V;
        outputs.HeatGeneration_W = Heat(ap, current_A, core);
        outputs.NegativeSurfaceStoichiometry = _nn == 1
            ? _negative[0].Surface
            : _negative[_nn - 1].Surface + (0.5 * (_negative[_nn - 1].Surface - _negative[_nn - 2].Surface));
        outputs.PositiveSurfaceStoichiometry = _positive.Surface;
        outputs.NegativeMeanStoichiometry = NegativeMeanStoichiometry(state);
        outputs.PositiveMeanStoichiometry = PositiveMean(state);
        outputs.StateOfCharge = StateOfCharge(ap, outputs.NegativeMeanStoichiometry, outputs.PositiveMeanStoichiometry);
        outputs.ThicknessChange_m = ThicknessChange(ap, state, MeanTemperature(state));
        var minimum = double.PositiveInfinity;
        for (var m = 0; m < _ne; m++)
        {
            minimum = Math.Min(minimum, _ce[m]);
        }

        outputs.MinimumElectrolyteConcentration_molPerM3 = minimum;
    }

    private void CheckLength(int length, string name)
    {
        if (length < Layout.StateCount)
        {
            throw new ArgumentException($"the state has {Layout.StateCount} entries; {name} has {length}", name);
        }
    }

    /// <summary>Everything an output or a step needs at the start of the step: concentrations, kinetics, currents, potentials.</summary>
    private void Solve(ReadOnlySpan<double> state, in AppliedParameters ap, double current_A, double temperature_K, double dt_s)
    {
        LoadElectrolyte(state, temperature_K);
        PrepareParticles(state, ap, temperature_K, dt_s);
        PrepareKinetics(ap, temperature_K);
        SolveCurrentDistribution(ap, current_A, temperature_K);
        Potentials(ap, current_A);
    }
}
