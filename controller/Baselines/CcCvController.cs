using ChargeTwin.Controller.Contract;
using ChargeTwin.Controller.Quantities;
using ChargeTwin.Controller.Experiments;

namespace ChargeTwin.Controller.Baselines;

/// <summary>
/// Executes PyBaMM-style charge steps on measured values, as a charger's CC-CV firmware does:
/// "Charge at 1C until 4.2 V" asks for 1C with a 4.2 V limit and ends when the measured voltage is within
/// the tolerance of 4.2 V; "Hold at 4.2 V until C/20" keeps the limit (the power stage's voltage loop
/// holds it) and ends when the measured current falls below C/20; "Rest for …" disables the output.
/// After the last step the output stays off. Also keeps a coulomb-counted SOC estimate (not used to decide).
/// </summary>
public sealed class CcCvController : IChargeController
{
    private readonly ExperimentStep[] _steps;
    private readonly string[] _reasons;
    private readonly double _tolerance_V;
    private readonly ControllerContext _context;
    private readonly CoulombCounter _soc;
    private int _step;
    private double _stepStart_s;
    private double _holdCurrent_A;

    public CcCvController(CcCvSpec spec, ControllerContext context)
    {
        Name = spec.Name;
        _steps = [.. spec.Steps];
        _reasons = [.. _steps.Select((s, i) => $"step {i + 1}/{_steps.Length}: {s.Text}")];
        _tolerance_V = spec.VoltageTolerance_V;
        _context = context;
        _soc = new CoulombCounter(context.InitialSocEstimate, context.InitialSocSigma, context.NominalCapacity_Ah);
        _holdCurrent_A = context.ChargerMaxCurrent_A;
    }

    public string Name { get; }

    public Estimate StateOfCharge => _soc.Soc;

    public Setpoint Step(in MeasuredSample m, double chargeTime_s)
    {
        _soc.Update(m);
        while (_step < _steps.Length)
        {
            var s = _steps[_step];
            if (!Ended(s, m, chargeTime_s))
            {
                return Command(s);
            }

            _step++;
            _stepStart_s = chargeTime_s;
        }

        return Setpoint.Off("protocol complete");
    }

    private bool Ended(ExperimentStep s, in MeasuredSample m, double t)
    {
        if (s.Duration_s is { } d && t - _stepStart_s >= d)
        {
            return true;
        }

        foreach (var c in s.EndConditions)
        {
            var met = c.Kind switch
            {
                EndConditionKind.VoltageAbove => m.Voltage_V >= c.Threshold - _tolerance_V,
                EndConditionKind.VoltageBelow => m.Voltage_V <= c.Threshold + _tolerance_V,
                EndConditionKind.CurrentBelow => t - _stepStart_s > _context.Period_s && Math.Abs(m.Current_A) < c.Threshold,
                _ => t - _stepStart_s > _context.Period_s && Math.Abs(m.Current_A) < c.Threshold * _context.NominalCapacity_Ah,
            };
            if (met)
            {
                return true;
            }
        }

        return false;
    }

    private Setpoint Command(ExperimentStep s)
    {
        var reason = _reasons[_step];
        switch (s.Action)
        {
            case StepAction.Rest:
                return new Setpoint(0, _context.ChargerMaxVoltage_V, false, reason);
            case StepAction.Hold:
                return new Setpoint(_holdCurrent_A, s.Magnitude, true, reason);
            default:
                var current = s.Current_A(_context.NominalCapacity_Ah);
                _holdCurrent_A = current;
                var voltage = _context.ChargerMaxVoltage_V;
                foreach (var c in s.EndConditions)
                {
                    if (c.Kind == EndConditionKind.VoltageAbove)
                    {
                        voltage = Math.Min(voltage, c.Threshold);
                    }
                }

                return new Setpoint(current, voltage, true, reason);
        }
    }
}
