namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>
/// The part both detectors share: the windowed slopes of a measured series and its expectation over charge, the
/// standardised residual r = (sign·(measured − gain·expected slope) − allowance)/σ_r, and Page's CUSUM on r taken
/// once per stride of charge. σ_r² = SE² + σ_expected² + floor², SE the regression's own standard error; the
/// allowance is a dead band for an error that stays the same all charge long (a frozen gain's), which σ_r cannot
/// cover: the CUSUM would add it up.
/// </summary>
public sealed class SlopeResidualCusum
{
    private readonly ResidualCusumOptions _options;
    private readonly double _sign;
    private double _lastTestCharge_Ah = double.NaN;

    /// <param name="sign">+1 to detect an upward shift of the measured slope, −1 for a downward one.</param>
    public SlopeResidualCusum(ResidualCusumOptions options, double sign)
    {
        options.Validate();
        _options = options;
        _sign = sign;
        Window = new ChargeWindowRegression(options.Window_Ah, options.MaxWindowSamples);
        Cusum = new PageCusum(options.CusumDrift, options.CusumThreshold);
    }

    public ChargeWindowRegression Window { get; }

    public PageCusum Cusum { get; }

    /// <summary>The last standardised residual; NaN while the window is too short.</summary>
    public double Residual { get; private set; } = double.NaN;

    /// <summary>σ_r of the last residual (slope units).</summary>
    public double ResidualSigma { get; private set; } = double.NaN;

    /// <summary>Forms the residual from the window as it is and, once per stride of charge, feeds it to the CUSUM.</summary>
    public void Test(double time_s, double charge_Ah, double gain, double expectedSlopeSigma, double allowance)
    {
        if (Window.Span_Ah < _options.MinimumWindowFraction * _options.Window_Ah)
        {
            Residual = double.NaN;
            return;
        }

        var (slope, standardError) = Window.Difference(gain);
        var floor = _options.ResidualSigmaFloor;
        ResidualSigma = Math.Sqrt((standardError * standardError) + (expectedSlopeSigma * expectedSlopeSigma) + (floor * floor));
        Residual = ResidualSigma > 0 ? ((_sign * slope) - allowance) / ResidualSigma : double.NaN;
        if (double.IsFinite(Residual) && !(Math.Abs(charge_Ah - _lastTestCharge_Ah) < _options.CusumStride_Ah))
        {
            _lastTestCharge_Ah = charge_Ah;
            Cusum.Update(Residual, time_s, charge_Ah);
        }
    }

    public void Reset()
    {
        Window.Clear();
        Cusum.Reset();
        Residual = double.NaN;
        ResidualSigma = double.NaN;
        _lastTestCharge_Ah = double.NaN;
    }
}
