namespace ChargeTwin.Controller.Safety;

/// <summary>The mean of the last N values (NaN until N have come); summed afresh on every value, so nothing drifts.</summary>
internal sealed class RollingMean(int length)
{
    private readonly double[] _values = new double[length];
    private int _count;

    public double Mean { get; private set; } = double.NaN;

    public void Add(double value)
    {
        _values[_count % _values.Length] = value;
        _count = _count >= 2 * _values.Length ? _count - _values.Length + 1 : _count + 1;
        if (_count < _values.Length)
        {
            return;
        }

        var sum = 0.0;
        foreach (var v in _values)
        {
            sum += v;
        }

        Mean = sum / _values.Length;
    }
}
