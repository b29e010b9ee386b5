using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.Controller.Safety;

/// <summary>
/// Turns one tick's <see cref="SafetyInputs"/> into the value of every <see cref="DiagnosisSignal"/>, or NaN for a
/// signal with no fresh value this tick (a row then neither counts nor heals). Flags, counters, the overshoot and the
/// state of safety are fresh every tick; the measured channels when a new cell sample arrives; the windowed signals
/// (cross-checks, rates, noise) when their window's bin closes; the NIS mean when the estimator made a new update.
/// Allocates only in its constructor.
/// </summary>
internal sealed class SafetySignals
{
    private const PowerStageFaults SetpointFaults = PowerStageFaults.SetpointTimeout | PowerStageFaults.SetpointInvalid;

    private const PowerStageFaults HardwareFaults =
        PowerStageFaults.OverCurrent | PowerStageFaults.OverVoltage | PowerStageFaults.OverTemperature | PowerStageFaults.Internal;

    private readonly DiagnosisSettings _settings;
    private readonly double[] _values = new double[DiagnosisSignalInfo.All.Count];
    private readonly MomentWindow _voltageShort;
    private readonly MomentWindow _voltageLong;
    private readonly MomentWindow _currentShort;
    private readonly MomentWindow _currentLong;
    private readonly MomentWindow _temperature;
    private readonly MomentWindow _pressure;
    private readonly RollingMean _nis;
    private StuckRun _voltageStuck;
    private StuckRun _currentStuck;
    private StuckRun _temperatureStuck;
    private StuckRun _pressureStuck;
    private LeakyCounter _crc;
    private LeakyCounter _counter;
    private LeakyCounter _timeouts;
    private LeakyCounter _overruns;
    private long _startNs;
    private long _lastSampleNs;
    private double _lastTick_s;
    private double _allowed_A;
    private double _lastNis = double.NaN;
    private double _latestVoltage_V = double.NaN;
    private double _latestTemperature_K = double.NaN;
    private double _latestTemperatureRate_K_per_s = double.NaN;
    private double _latestPressureRate_Pa_per_s = double.NaN;
    private bool _started;

    public SafetySignals(DiagnosisSettings settings)
    {
        _settings = settings;
        _voltageShort = new MomentWindow(settings.CrossCheckWindow_s);
        _currentShort = new MomentWindow(settings.CrossCheckWindow_s);
        _voltageLong = new MomentWindow(settings.DriftWindow_s);
        _currentLong = new MomentWindow(settings.DriftWindow_s);
        _temperature = new MomentWindow(settings.RateWindow_s);
        _pressure = new MomentWindow(settings.RateWindow_s);
        _nis = new RollingMean(settings.NisWindow);
    }

    /// <summary>This tick's values, indexed by <see cref="DiagnosisSignal"/> (NaN: no fresh value).</summary>
    public ReadOnlySpan<double> Values => _values;

    public double this[DiagnosisSignal signal] => _values[(int)signal];

    /// <summary>The state of safety in force (fused from the latest values, fresh or not).</summary>
    public double StateOfSafety { get; private set; }

    public void Update(in SafetyInputs x)
    {
        if (!_started)
        {
            _started = true;
            _startNs = x.TimeNs;
            _lastSampleNs = x.CellSampleNs - 1;
            _lastTick_s = 0;
        }

        Array.Fill(_values, double.NaN);
        var t_s = Seconds(x.TimeNs);
        var dt_s = t_s - _lastTick_s;
        _lastTick_s = t_s;

        UpdateLinkAndLoop(x, t_s);
        UpdatePowerStage(x, dt_s);
        UpdateEstimator(x.InnovationNis);
        if (!x.MeasurementLost && x.CellSampleNs != _lastSampleNs)
        {
            _lastSampleNs = x.CellSampleNs;
            UpdateCell(x, Seconds(x.CellSampleNs));
        }

        var s = _settings;
        StateOfSafety = 1 - ((1 - s.SosTemperature_K.Score(_latestTemperature_K))
            * (1 - s.SosTemperatureRate_K_per_s.Score(_latestTemperatureRate_K_per_s))
            * (1 - s.SosPressureRate_Pa_per_s.Score(_latestPressureRate_Pa_per_s))
            * (1 - s.SosVoltage_V.Score(_latestVoltage_V)));
        Set(DiagnosisSignal.StateOfSafety, StateOfSafety);
    }

    private void UpdateLinkAndLoop(in SafetyInputs x, double t_s)
    {
        var drain_s = _settings.CounterDrainTime_s;
        Set(DiagnosisSignal.StatusLost, x.StatusLost ? 1 : 0);
        Set(DiagnosisSignal.HeartbeatLost, x.HeartbeatLost ? 1 : 0);
        Set(DiagnosisSignal.MeasurementLost, x.MeasurementLost ? 1 : 0);
        Set(DiagnosisSignal.ChannelBad, x.CellChannelBad ? 1 : 0);
        Set(DiagnosisSignal.CrcErrors, _crc.Update(t_s, x.CrcErrors, drain_s));
        Set(DiagnosisSignal.CounterErrors, _counter.Update(t_s, x.CounterErrors, drain_s));
        Set(DiagnosisSignal.E2ETimeouts, _timeouts.Update(t_s, x.Timeouts, drain_s));
        Set(DiagnosisSignal.DeadlineOverruns, _overruns.Update(t_s, x.DeadlineOverruns, drain_s));
    }

    /// <summary>The stage's fault report, and its current against what the setpoint allows after the stage's ramp-down.</summary>
    private void UpdatePowerStage(in SafetyInputs x, double dt_s)
    {
        var command_A = x.CommandedEnable ? Math.Max(x.CommandedCurrent_A, 0) : 0;
        _allowed_A = Math.Max(command_A, _allowed_A - _settings.PowerStageRampDown_A_per_s * dt_s);
        if (x.StatusLost)
        {
            return;
        }

        Set(DiagnosisSignal.PowerStageFault, (x.PowerStageFaults & HardwareFaults) != 0 || x.PowerStageState == PowerStageState.Fault ? 1 : 0);
        Set(DiagnosisSignal.SetpointRejected, (x.PowerStageFaults & SetpointFaults) != 0 || x.PowerStageState == PowerStageState.SafeRampDown ? 1 : 0);
        Set(DiagnosisSignal.CurrentOvershoot, x.OutputCurrent_A - _allowed_A);
    }

    /// <summary>A new NIS is one that differs from the last taken (the link may repeat the last update's between updates).</summary>
    private void UpdateEstimator(double nis)
    {
        if (double.IsNaN(nis) || nis.Equals(_lastNis))
        {
            return;
        }

        _lastNis = nis;
        _nis.Add(nis);
        Set(DiagnosisSignal.InnovationNis, _nis.Mean);
    }

    private void UpdateCell(in SafetyInputs x, double t_s)
    {
        Set(DiagnosisSignal.CellVoltage, x.CellVoltage_V);
        Set(DiagnosisSignal.CellCurrent, x.CellCurrent_A);
        Set(DiagnosisSignal.SurfaceTemperature, x.SurfaceTemperature_K);
        Set(DiagnosisSignal.StackPressure, x.StackPressure_Pa);
        _latestVoltage_V = x.CellVoltage_V;
        _latestTemperature_K = x.SurfaceTemperature_K;
        var s = _settings;
        var charging = x.CellCurrent_A > s.StuckChargingCurrent_A;

        if (!x.StatusLost)
        {
            CrossCheck(t_s, x.CellVoltage_V - (x.OutputVoltage_V - x.OutputCurrent_A * s.LeadResistance_Ohm), _voltageShort, _voltageLong, DiagnosisSignal.VoltageMismatch, DiagnosisSignal.VoltageDrift, DiagnosisSignal.VoltageNoise);
            CrossCheck(t_s, x.CellCurrent_A - x.OutputCurrent_A, _currentShort, _currentLong, DiagnosisSignal.CurrentMismatch, DiagnosisSignal.CurrentDrift, DiagnosisSignal.CurrentNoise);
            Stuck(DiagnosisSignal.VoltageStuck, x.CellVoltage_V, _voltageStuck.AgainstReference(t_s, x.CellVoltage_V, x.OutputVoltage_V, s.StuckVoltageBand_V));
            Stuck(DiagnosisSignal.CurrentStuck, x.CellCurrent_A, _currentStuck.AgainstReference(t_s, x.CellCurrent_A, x.OutputCurrent_A, s.StuckCurrentBand_A));
        }

        if (Trend(t_s, x.SurfaceTemperature_K, _temperature, DiagnosisSignal.TemperatureRate, DiagnosisSignal.TemperatureNoise))
        {
            _latestTemperatureRate_K_per_s = _temperature.Window.Slope;
        }

        if (Trend(t_s, x.StackPressure_Pa, _pressure, DiagnosisSignal.PressureRate, DiagnosisSignal.PressureNoise))
        {
            _latestPressureRate_Pa_per_s = _pressure.Window.Slope;
        }

        Stuck(DiagnosisSignal.TemperatureStuck, x.SurfaceTemperature_K, _temperatureStuck.WhileGated(t_s, x.SurfaceTemperature_K, charging));
        Stuck(DiagnosisSignal.PressureStuck, x.StackPressure_Pa, _pressureStuck.WhileGated(t_s, x.StackPressure_Pa, charging));
    }

    /// <summary>The difference's mean over the short window (plausibility) and its mean and scatter over the long one (drift, noise).</summary>
    private void CrossCheck(double t_s, double difference, MomentWindow shortWindow, MomentWindow longWindow, DiagnosisSignal mismatch, DiagnosisSignal drift, DiagnosisSignal noise)
    {
        if (double.IsNaN(difference))
        {
            return;
        }

        if (shortWindow.Add(t_s, difference) && shortWindow.Ready)
        {
            Set(mismatch, Math.Abs(shortWindow.Window.MeanY));
        }

        if (longWindow.Add(t_s, difference) && longWindow.Ready)
        {
            Set(drift, Math.Abs(longWindow.Window.MeanY));
            Set(noise, longWindow.Window.ScatterY);
        }
    }

    /// <summary>The least-squares slope and the residual scatter over the rate window; true when they changed.</summary>
    private bool Trend(double t_s, double value, MomentWindow window, DiagnosisSignal rate, DiagnosisSignal noise)
    {
        if (double.IsNaN(value) || !window.Add(t_s, value) || !window.Ready)
        {
            return false;
        }

        Set(rate, window.Window.Slope);
        Set(noise, window.Window.ResidualScatter);
        return true;
    }

    private void Stuck(DiagnosisSignal signal, double value, double run_s)
    {
        if (!double.IsNaN(value))
        {
            Set(signal, run_s);
        }
    }

    private void Set(DiagnosisSignal signal, double value) => _values[(int)signal] = value;

    private double Seconds(long ns) => (ns - _startNs) * 1e-9;
}
