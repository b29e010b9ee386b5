namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>
/// A first-order lag τ·dy/dt = u − y, discretised exactly for an input that is linear between samples, so a
/// prediction can be delayed as the sensor delays the truth. τ = 0 passes the input through.
/// </summary>
public sealed class FirstOrderLag(double timeConstant_s)
{
    private double _lastInput;
    private double _lastTime_s = double.NaN;

    public double Value { get; private set; } = double.NaN;

    public double Update(double time_s, double input)
    {
        var dt = time_s - _lastTime_s;
        if (timeConstant_s <= 0 || double.IsNaN(_lastTime_s) || !(dt > 0))
        {
            Value = double.IsNaN(_lastTime_s) || timeConstant_s <= 0 ? input : Value;
        }
        else
        {
            var a = Math.Exp(-dt / timeConstant_s);
            Value = (a * Value) + ((1 - a) * _lastInput) + ((input - _lastInput) * (1 - (timeConstant_s * (1 - a) / dt)));
        }

        _lastInput = input;
        _lastTime_s = time_s;
        return Value;
    }

    public void Reset()
    {
        Value = double.NaN;
        _lastTime_s = double.NaN;
    }
}
