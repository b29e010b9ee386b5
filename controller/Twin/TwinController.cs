using ChargeTwin.Cells;
using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Twin.Detection;
using ChargeTwin.Controller.Twin.Estimation;
using ChargeTwin.Controller.Twin.Model;
using ChargeTwin.Controller.Twin.Solver;

namespace ChargeTwin.Controller.Twin;

/// <summary>
/// The digital twin as a charging controller. Every period: the Kalman filter moves the reduced-order cell over
/// the period at the measured current and corrects it with the measured voltage and surface temperature (a value
/// that is not finite, out of range or beyond the innovation gate is kept out and counted); the twin's outputs get
/// their σ from the covariance through their gradients; the plating detectors read the measured pressure and
/// voltage against the twin's expectation; the solver returns the largest current whose predicted horizon keeps
/// the envelope with k·σ margins, the plating margin raised while plating evidence is. It sees only measurements
/// and the cell file the charger is configured with — never the plant's parameters. Steady state allocates nothing.
/// </summary>
public sealed class TwinController : IChargeController
{
    private const double VoltageMin_V = 2.0, VoltageMax_V = 5.0, TemperatureMin_K = 233.15, TemperatureMax_K = 373.15, Gate = 5;
    private const int Outputs = 10;
    private readonly TwinSpec _spec;
    private readonly ControllerContext _context;
    private readonly ReducedCellModel _model;
    private readonly TwinFilterModel _filterModel;
    private readonly ExtendedKalmanFilter _filter;
    private readonly TwinHorizonPredictor _predictor;
    private readonly AdmissibleCurrentSolver _solver;
    private readonly TwinUncertainty _noise;
    private readonly TwinSubspace _subspace;
    private readonly PressurePlatingDetector _pressure;
    private readonly VoltagePlatingDetector _voltage;
    private readonly double[] _z;
    private readonly double[] _perturbed;
    private readonly double[] _outputs = new double[Outputs];
    private readonly double[] _outputsPerturbed = new double[Outputs];
    private readonly double[] _gradients;
    private readonly double[] _gradient;
    private readonly double[] _processNoise;
    private readonly string[] _reasons;
    private readonly double _maxCurrent_A;
    private readonly double _pressureThreshold;
    private readonly double _fixedCurrent_A = -1;
    private readonly string _fixedReason = "";
    private TwinTelemetry _telemetry;
    private bool _started;
    private double _lastTime_s;
    private double _lastCurrent_A;
    private double _ambient_K;
    private double _evidenceMargin_V;
    private double _lastDecision_s;
    private double _voltageSigma_V;
    private double _platingParameterSigma_V;
    private double _charge_Ah;
    private double _priorVoltage_V = double.NaN;

    public TwinController(TwinSpec spec, ControllerContext context, ParameterSet cell)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cell);
        _spec = spec;
        _context = context;
        Name = spec.Name;
        _model = new ReducedCellModel(new TwinParameters(cell));
        _subspace = new TwinSubspace(_model);
        var n = _model.Layout.StateCount;
        var r = _subspace.Count;
        _noise = new TwinUncertainty(_model, _subspace, cell);
        _filterModel = new TwinFilterModel(_model, _subspace);
        _predictor = new TwinHorizonPredictor(_model, _noise, spec.Horizon_s, spec.HorizonSteps);
        // The model's Jacobian moves slowly next to a 1 s period: a third of its columns are refreshed each period.
        _filter = new ExtendedKalmanFilter(_filterModel, jacobianColumnsPerStep: Math.Max(1, (_subspace.Count + 2) / 3));

        // The kinetics and solid diffusivities are consider parameters: a terminal voltage cannot tell the two
        // electrodes' overpotentials apart, and a filter free to move them explains the reduced model's own error
        // with them (measured: ln j₀ scales driven to ±2–4, η_Li 35 mV off with σ 2 mV). Their uncertainty stays in the
        // covariance and in every σ; the lithium contents, LAM, resistance and the thermal parameters are estimated.
        var layout = _model.Layout;
        foreach (var i in (ReadOnlySpan<int>)[layout.LnNegativeKineticScale, layout.LnPositiveKineticScale, layout.LnNegativeDiffusivityScale, layout.LnPositiveDiffusivityScale])
        {
            _filter.Consider(_subspace.Parameter(i));
        }

        // The sensors' biases cannot be told from the cell's state in one charge: considered, not estimated.
        _filter.Consider(_subspace.VoltageBias);
        _filter.Consider(_subspace.TemperatureBias);
        var capacity = context.NominalCapacity_Ah;
        _maxCurrent_A = Math.Min(spec.MaxCurrent.Resolve(capacity), context.ChargerMaxCurrent_A);
        _solver = new AdmissibleCurrentSolver(new SolverLimits(
            spec.K, spec.MinPlatingOverpotential_V, spec.MaxTemperature_K, Math.Min(spec.VoltageLimit_V, context.ChargerMaxVoltage_V),
            _maxCurrent_A, spec.Ramp.Resolve(capacity), spec.Resolution.Resolve(capacity), spec.MaxEvaluations));
        var pressureOptions = new PlatingDetectorOptions { PressureSensorLag_s = spec.PressureSensorLag_s };
        _pressure = new PressurePlatingDetector(pressureOptions);
        _pressureThreshold = pressureOptions.Residual.CusumThreshold;
        _voltage = new VoltagePlatingDetector(new VoltageDetectorOptions());
        if (spec.FixedCurrent is { } fixedCurrent)
        {
            _fixedCurrent_A = Math.Min(fixedCurrent.Resolve(capacity), context.ChargerMaxCurrent_A);
            _fixedReason = System.FormattableString.Invariant($"twin (watching only): fixed {_fixedCurrent_A:0.###} A");
        }

        _perturbed = new double[n];
        _z = new double[r];
        _gradients = new double[Outputs * r];
        _gradient = new double[r];
        _processNoise = new double[r];
        var bindings = Enum.GetValues<BindingConstraint>();
        _reasons = new string[2 * bindings.Length];
        foreach (var b in bindings)
        {
            _reasons[(int)b] = ReasonText(b, spec);
            _reasons[bindings.Length + (int)b] = "twin: nothing admissible — " + ReasonText(b, spec)["twin: ".Length..] + " fails even at rest";
        }
    }

    public string Name { get; }

    public Estimate StateOfCharge => _telemetry.StateOfCharge;

    public double InnovationNis => _telemetry.VoltageInnovationNis;

    /// <summary>The reduced model's full mean state (layout: <see cref="Model"/>.Layout).</summary>
    public ReadOnlySpan<double> ModelState => _filterModel.Full;

    public ReducedCellModel Model => _model;

    /// <summary>The last period's beliefs and decision.</summary>
    public ref readonly TwinTelemetry Telemetry => ref _telemetry;

    public Setpoint Step(in MeasuredSample measured, double chargeTime_s)
    {
        if (!_started)
        {
            Start(measured);
        }
        else
        {
            Advance(measured);
        }

        Describe();
        Detect(measured);
        Decide(measured);
        var reason = _reasons[(_telemetry.NothingAdmissible ? _reasons.Length / 2 : 0) + (int)_telemetry.Binding];
        return _fixedCurrent_A >= 0
            ? new Setpoint(_fixedCurrent_A, _solver.Limits.MaxVoltage_V, true, _fixedReason)
            : new Setpoint(_telemetry.AdmissibleCurrent_A, _solver.Limits.MaxVoltage_V, true, reason);
    }

    private void Start(in MeasuredSample m)
    {
        _started = true;
        _ambient_K = double.IsFinite(m.Temperature_K) && m.Temperature_K > TemperatureMin_K && m.Temperature_K < TemperatureMax_K
            ? m.Temperature_K
            : _model.Parameters.ReferenceTemperature_K;
        _filterModel.Ambient_K = _ambient_K;
        _noise.InitialState(_context.InitialSocEstimate, _context.InitialSocSigma, _ambient_K, _filterModel.Full, out var covariance);
        _filter.Initialise(_z, covariance);
        _lastTime_s = m.Time_s;
        _lastDecision_s = m.Time_s;
        _lastCurrent_A = double.IsFinite(m.Current_A) ? m.Current_A : 0;
        Correct(m);
    }

    private void Advance(in MeasuredSample m)
    {
        var dt = m.Time_s - _lastTime_s;
        if (!(dt > 0) || !double.IsFinite(dt))
        {
            return;
        }

        var current = double.IsFinite(m.Current_A) ? m.Current_A : _lastCurrent_A;
        _filterModel.Current_A = 0.5 * (_lastCurrent_A + current);
        _charge_Ah += _filterModel.Current_A * dt / 3600;
        _noise.ProcessNoise(dt, _processNoise);
        _filterModel.BeginPeriod(dt);
        _filter.Predict(dt, _processNoise);
        _filterModel.EndPeriod();
        _model.Evaluate(_filterModel.Full, current, _ambient_K, out var prior);
        _priorVoltage_V = prior.Voltage_V;
        _lastTime_s = m.Time_s;
        _lastCurrent_A = current;
        Correct(m);
    }

    private void Correct(in MeasuredSample m)
    {
        _filterModel.MeasurementCurrent_A = _lastCurrent_A;
        Count(_filter.Update(TwinFilterModel.VoltageChannel, m.Voltage_V, _noise.VoltageVariance, VoltageMin_V, VoltageMax_V, Gate));
        _telemetry.VoltageInnovationNis = _filter.LastInnovationNis;
        Count(_filter.Update(TwinFilterModel.TemperatureChannel, m.Temperature_K, _noise.TemperatureVariance, TemperatureMin_K, TemperatureMax_K, Gate));

        // Fold the correction into the mean; the filter's z starts from zero again.
        _filterModel.Fold(_filter.State);
        _filter.MutableState.Clear();
        _noise.Constrain(_filterModel.Full);
    }

    private void Count(UpdateOutcome outcome)
    {
        switch (outcome)
        {
            case UpdateOutcome.NotFinite:
                _telemetry.RejectedNotFinite++;
                break;
            case UpdateOutcome.OutOfRange:
                _telemetry.RejectedOutOfRange++;
                break;
            case UpdateOutcome.Gated:
                _telemetry.RejectedGated++;
                break;
        }
    }

    /// <summary>The outputs at the mean and their σ through finite-difference gradients along the correction directions and the filter's covariance.</summary>
    private void Describe()
    {
        var r = _z.Length;
        var full = _filterModel.Full;
        var current = _lastCurrent_A;
        OutputsAt(full, current, _outputs);
        for (var j = 0; j < r; j++)
        {
            // The sensors' biases move no model state: their outputs' gradients are zero.
            if (j == _subspace.VoltageBias || j == _subspace.TemperatureBias)
            {
                for (var k = 0; k < Outputs; k++)
                {
                    _gradients[k * r + j] = 0;
                }

                continue;
            }

            Array.Clear(_z);
            var step = 1e-6 * _subspace.Scale(j);
            _z[j] = step;
            _subspace.Apply(full, _z, _perturbed);
            OutputsAt(_perturbed, current, _outputsPerturbed);
            for (var k = 0; k < Outputs; k++)
            {
                _gradients[k * r + j] = (_outputsPerturbed[k] - _outputs[k]) / step;
            }
        }

        Array.Clear(_z);
        _telemetry.PredictedVoltage_V = _outputs[0];
        _voltageSigma_V = Output(0).Sigma;
        _telemetry.CoreTemperature_K = Output(1);
        var eta = Output(2);
        var modelSigma = _noise.PlatingModelSigma_V(current);
        _telemetry.PlatingOverpotential_V = new Estimate(eta.Mean, Math.Sqrt((eta.Sigma * eta.Sigma) + (modelSigma * modelSigma)));
        _platingParameterSigma_V = eta.Sigma;
        _telemetry.StateOfCharge = Output(3);
        _telemetry.NegativeSurfaceStoichiometry = Output(4);
        _telemetry.PositiveSurfaceStoichiometry = Output(5);
        _telemetry.LithiumInventoryLoss = Output(6);
        _telemetry.NegativeActiveMaterialLoss = Output(7);
        _telemetry.PositiveActiveMaterialLoss = Output(8);
        _telemetry.ResistanceGrowth_Ohm = Output(9);
        _telemetry.PredictedThickness_m = _noise.Thickness(full, current, _ambient_K);
    }

    private Estimate Output(int k)
    {
        var r = _z.Length;
        _gradients.AsSpan(k * r, r).CopyTo(_gradient);
        return new Estimate(_outputs[k], Math.Sqrt(_filter.QuadraticForm(_gradient)));
    }

    private void OutputsAt(ReadOnlySpan<double> x, double current_A, Span<double> o)
    {
        _model.Evaluate(x, current_A, _ambient_K, out var y);
        o[0] = y.Voltage_V;
        o[1] = y.CoreTemperature_K;
        o[2] = y.PlatingOverpotential_V;
        o[3] = y.StateOfCharge;
        o[4] = y.NegativeSurfaceStoichiometry;
        o[5] = y.PositiveSurfaceStoichiometry;
        _noise.Health(x, o[6..]);
    }

    /// <summary>
    /// Measured dP/dQ against the twin's expected thickness (its fixture gain learnt at the start of the charge), and
    /// measured dV/dQ against the twin's one-step-ahead voltage (before the measurement corrected it).
    /// </summary>
    private void Detect(in MeasuredSample m)
    {
        _pressure.Update(m.Time_s, _charge_Ah, m.StackPressure_Pa, _telemetry.PredictedThickness_m, 0);
        if (double.IsFinite(_priorVoltage_V))
        {
            _voltage.Update(m.Time_s, _charge_Ah, m.Voltage_V, m.Current_A, _priorVoltage_V);
        }

        _telemetry.PressureEvidence = _pressure.Evidence;
        _telemetry.PressureAlarm = _pressure.Alarm;
        _telemetry.VoltageEvidence = _voltage.Evidence;
        _telemetry.VoltageAlarm = _voltage.Alarm;
    }

    private void Decide(in MeasuredSample m)
    {
        // Plating evidence raises the plating margin at once — from nothing at half the detector's alarm threshold to
        // the full margin at the alarm (latched) — and the margin relaxes with its time constant once evidence falls.
        var dt = double.IsFinite(m.Time_s) ? Math.Max(0, m.Time_s - _lastDecision_s) : 0;
        _lastDecision_s = double.IsFinite(m.Time_s) ? m.Time_s : _lastDecision_s;
        var fraction = _telemetry.PressureAlarm ? 1 : Math.Clamp(2 * _telemetry.PressureEvidence / _pressureThreshold - 1, 0, 1);
        var target = _spec.EvidenceMargin_V * fraction;
        _evidenceMargin_V = target >= _evidenceMargin_V ? target : target + (_evidenceMargin_V - target) * Math.Exp(-dt / _spec.EvidenceRelaxation_s);
        _telemetry.EvidenceMargin_V = _evidenceMargin_V;

        _predictor.SetStart(_filterModel.Full, _ambient_K);
        _predictor.SetSigmas(_platingParameterSigma_V, _telemetry.CoreTemperature_K.Sigma, _voltageSigma_V);
        var d = _solver.Solve(_predictor, _telemetry.AdmissibleCurrent_A, dt, _evidenceMargin_V);
        _telemetry.AdmissibleCurrent_A = d.Current_A;
        _telemetry.Binding = d.Binding;
        _telemetry.Slack = d.Slack;
        _telemetry.NothingAdmissible = d.NothingAdmissible;
        _telemetry.SolverEvaluations = d.Evaluations;
    }

    private static string ReasonText(BindingConstraint b, TwinSpec s) => System.FormattableString.Invariant(b switch
    {
        BindingConstraint.CurrentLimit => $"twin: at its current limit",
        BindingConstraint.Ramp => $"twin: ramping up",
        BindingConstraint.Plating => $"twin: plating overpotential − {s.K:0.#}σ ≥ {s.MinPlatingOverpotential_V * 1000:0.#} mV over {s.Horizon_s:0} s",
        BindingConstraint.Temperature => $"twin: core temperature + {s.K:0.#}σ ≤ {s.MaxTemperature_K - 273.15:0.#} °C over {s.Horizon_s:0} s",
        BindingConstraint.Electrolyte => $"twin: electrolyte ≥ 10 % of its rest concentration over {s.Horizon_s:0} s",
        _ => $"twin: voltage + {s.K:0.#}σ ≤ {s.VoltageLimit_V:0.###} V over {s.Horizon_s:0} s",
    });
}
