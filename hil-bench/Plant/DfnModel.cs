using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// The Doyle–Fuller–Newman cell as a DAE F(t, y, y') = 0: finite volumes in x and in the
/// particles, Butler–Volmer kinetics, concentrated-solution electrolyte, O'Kane lithium
/// plating, SEI growth and a lumped thermal balance. Charging current is positive at the
/// terminals; inside, current densities keep PyBaMM's sign (discharge positive) so the
/// equations read as in the literature. This class only states the equations.
/// </summary>
public sealed partial class DfnModel : IDaeSystem
{
    public const int MaxEvents = 4;

    private const double StoichiometryClip = 1e-10;
    private const double ElectrolyteFloorTransport_molPerM3 = 10.0;
    private const double ElectrolyteFloorChi_molPerM3 = 1e-2;

    private readonly InterfaceKinetics[] _kinetics;
    private readonly PlantEvent[] _events = new PlantEvent[MaxEvents];
    private double _rampStart_s;
    private double _rampEnd_s;
    private double _rampFrom_A;
    private double _rampSlope;

    // Electrolyte node properties and edge quantities (edge e lies between volumes e−1 and e).
    private readonly double[] _diffusivityEff;
    private readonly double[] _conductivityEff;
    private readonly double[] _chi;
    private readonly double[] _electrolyteCurrent;
    private readonly double[] _electrolyteFlux;
    private readonly double[] _electrolytePotentialGradient;
    private readonly double[] _solidCurrent;
    private readonly double[] _particleDiffusivity;

    public DfnModel(DfnParameters parameters, ModelOptions? options = null)
    {
        Parameters = parameters;
        Options = options ?? new ModelOptions();
        Options.Validate();
        Mesh = new DfnMesh(parameters, Options);
        Indices = new DfnLayout(Mesh, Options);
        var n = Mesh.Volumes;
        _kinetics = new InterfaceKinetics[n];
        _diffusivityEff = new double[n];
        _conductivityEff = new double[n];
        _chi = new double[n];
        _electrolyteCurrent = new double[n + 1];
        _electrolyteFlux = new double[n + 1];
        _electrolytePotentialGradient = new double[n + 1];
        _solidCurrent = new double[n + 1];
        _particleDiffusivity = new double[Math.Max(Options.NegativeShells, Options.PositiveShells)];
        _edgeDerivatives = new ElectrolyteEdgeDerivatives[n + 1];
        _nodeDerivatives = new ElectrolyteNodeDerivatives[n];
        _particleDiffusivityGradient = new double[_particleDiffusivity.Length];
        _particleDiffusivityT = new double[_particleDiffusivity.Length];
        _heatGradient = new double[Indices.Size];
        NegativeDiffusivityDependsOnStoichiometry = parameters.Negative.Diffusivity.DependsOn(0);
        PositiveDiffusivityDependsOnStoichiometry = parameters.Positive.Diffusivity.DependsOn(0);
        SetCurrent(0);
    }

    public DfnParameters Parameters { get; }
    public ModelOptions Options { get; }
    public DfnMesh Mesh { get; }
    public DfnLayout Indices { get; }

    public JacobianLayout Layout => Indices.Jacobian;

    public ReadOnlySpan<bool> IsDifferential => Indices.IsDifferential;

    public int RootCount => MaxEvents;

    public OperatingMode Mode { get; private set; }

    /// <summary>The held quantity: current [A] (charge positive), voltage [V] or power [W].</summary>
    public double Setpoint { get; private set; }

    private bool NegativeDiffusivityDependsOnStoichiometry { get; }
    private bool PositiveDiffusivityDependsOnStoichiometry { get; }

    public void SetCurrent(double current_A) => SetMode(OperatingMode.Current, current_A);

    public void SetVoltage(double voltage_V) => SetMode(OperatingMode.Voltage, voltage_V);

    public void SetPower(double power_W) => SetMode(OperatingMode.Power, power_W);

    public void SetMode(OperatingMode mode, double setpoint)
    {
        if (!double.IsFinite(setpoint))
        {
            throw new ArgumentOutOfRangeException(nameof(setpoint), setpoint, "setpoint must be finite");
        }

        Mode = mode;
        Setpoint = setpoint;
        _rampSlope = 0;
    }

    /// <summary>
    /// Current control with a slew-limited ramp: the current moves from <paramref name="from_A"/> at
    /// <paramref name="t0_s"/> towards <paramref name="to_A"/> at <paramref name="slew_APerS"/> and then holds.
    /// The current stays continuous, so the integrator needs no reinitialisation.
    /// </summary>
    public void SetCurrentRamp(double t0_s, double from_A, double to_A, double slew_APerS)
    {
        if (!double.IsFinite(from_A) || !double.IsFinite(to_A) || !(slew_APerS > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(slew_APerS), "ramp currents must be finite and the slew rate positive");
        }

        Mode = OperatingMode.Current;
        Setpoint = to_A;
        _rampStart_s = t0_s;
        _rampFrom_A = from_A;
        _rampSlope = Math.Sign(to_A - from_A) * slew_APerS;
        _rampEnd_s = t0_s + Math.Abs(to_A - from_A) / slew_APerS;
    }

    /// <summary>When the current ramp reaches its target [s] (−∞ when no ramp is under way).</summary>
    public double RampEnd_s => _rampSlope == 0 ? double.NegativeInfinity : _rampEnd_s;

    /// <summary>The commanded current at time t [A].</summary>
    public double CurrentSetpoint(double t) =>
        _rampSlope == 0 || t >= _rampEnd_s ? Setpoint : _rampFrom_A + _rampSlope * Math.Max(0, t - _rampStart_s);

    /// <summary>Sets the events the integrator locates; unused slots never fire.</summary>
    public void SetEvents(ReadOnlySpan<PlantEvent> events)
    {
        if (events.Length > MaxEvents)
        {
            throw new ArgumentException($"at most {MaxEvents} events", nameof(events));
        }

        Array.Clear(_events);
        events.CopyTo(_events);
    }

    public PlantEvent Event(int index) => _events[index];

    /// <summary>
    /// Every event is written so that it fires when its function falls through zero
    /// (the integrator filters on falling roots).
    /// </summary>
    public void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g)
    {
        for (var i = 0; i < MaxEvents; i++)
        {
            var e = _events[i];
            g[i] = e.Kind switch
            {
                PlantEventKind.VoltageAbove => e.Threshold - TerminalVoltage(y),
                PlantEventKind.VoltageBelow => TerminalVoltage(y) - e.Threshold,
                PlantEventKind.CurrentMagnitudeBelow => Math.Abs(y[Indices.Current]) - e.Threshold,
                PlantEventKind.TemperatureAbove => e.Threshold - y[Indices.Temperature],
                _ => 1.0,
            };
        }
    }

    /// <summary>Terminal voltage [V]: φ_s extrapolated to the positive collector, plus the contact-resistance drop.</summary>
    public double TerminalVoltage(ReadOnlySpan<double> y) => StackVoltage(y) + y[Indices.Current] * Parameters.ContactResistance_Ohm;

    private ElectrodeParameters ElectrodeOf(int volume) =>
        Mesh.Region[volume] == CellRegion.Negative ? Parameters.Negative : Parameters.Positive;

    /// <summary>Average intercalation current density of the negative electrode implied by the terminal current [A/m²].</summary>
    private double NegativeAverageCurrentDensity(double current_A) =>
        -current_A / (Parameters.ElectrodeArea_m2 * Parameters.Negative.SurfaceAreaDensity_perM * Parameters.Negative.Thickness_m);

    private double DeadLithiumRate(double seiThickness_m, out double dRate_dL)
    {
        var gamma0 = Parameters.DeadLithiumDecayConstant_perS;
        if (!Indices.HasSei)
        {
            dRate_dL = 0;
            return gamma0;
        }

        var l = Math.Max(seiThickness_m, 1e-12);
        var rate = gamma0 * Parameters.InitialSeiThickness_m / l;
        dRate_dL = seiThickness_m > 1e-12 ? -rate / l : 0;
        return rate;
    }

    private static double Clamp(double v, double lo, double hi, out bool inside)
    {
        if (v < lo)
        {
            inside = false;
            return lo;
        }

        if (v > hi)
        {
            inside = false;
            return hi;
        }

        inside = true;
        return v;
    }
}
