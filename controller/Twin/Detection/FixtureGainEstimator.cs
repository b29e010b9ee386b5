namespace ChargeTwin.Controller.Twin.Detection;

/// <summary>
/// Fixture gain G [Pa/m] and preload P₀ [Pa] in P = P₀ + G·Δh, by recursive least squares with exponential
/// forgetting λ (λ = 1: ordinary least squares over every sample). Kept in its sufficient-statistics form —
/// forgotten sums of 1, Δh, P, Δh², Δh·P and P², about the first sample so the 100 kPa preload costs no digits —,
/// which is the same estimate as the covariance-update form of RLS for two parameters, needs no initial covariance,
/// and gives G's standard error from the fit's residuals.
/// </summary>
public sealed class FixtureGainEstimator(double forgetting)
{
    private double _h0 = double.NaN;
    private double _p0;
    private double _n;
    private double _sh;
    private double _sp;
    private double _shh;
    private double _shp;
    private double _spp;
    private double _minimum_m = double.PositiveInfinity;
    private double _maximum_m = double.NegativeInfinity;

    public double Gain_PaPerM { get; private set; } = double.NaN;

    /// <summary>Standard error of <see cref="Gain_PaPerM"/> [Pa/m] (residuals assumed uncorrelated).</summary>
    public double GainSigma_PaPerM { get; private set; } = double.NaN;

    public double Preload_Pa { get; private set; } = double.NaN;

    /// <summary>Range of thickness change seen [m]: how well the data excite the gain.</summary>
    public double ThicknessSpan_m => _maximum_m - _minimum_m;

    public void Add(double thickness_m, double pressure_Pa)
    {
        if (double.IsNaN(_h0))
        {
            _h0 = thickness_m;
            _p0 = pressure_Pa;
        }

        var h = thickness_m - _h0;
        var p = pressure_Pa - _p0;
        _n = (forgetting * _n) + 1;
        _sh = (forgetting * _sh) + h;
        _sp = (forgetting * _sp) + p;
        _shh = (forgetting * _shh) + (h * h);
        _shp = (forgetting * _shp) + (h * p);
        _spp = (forgetting * _spp) + (p * p);
        _minimum_m = Math.Min(_minimum_m, thickness_m);
        _maximum_m = Math.Max(_maximum_m, thickness_m);
        Fit();
    }

    public void Reset()
    {
        _h0 = double.NaN;
        _p0 = _n = _sh = _sp = _shh = _shp = _spp = 0;
        _minimum_m = double.PositiveInfinity;
        _maximum_m = double.NegativeInfinity;
        Gain_PaPerM = GainSigma_PaPerM = Preload_Pa = double.NaN;
    }

    private void Fit()
    {
        var hh = _shh - (_sh * _sh / _n);
        if (_n < 3 || !(hh > 0))
        {
            return;
        }

        var hp = _shp - (_sh * _sp / _n);
        var pp = _spp - (_sp * _sp / _n);
        Gain_PaPerM = hp / hh;
        GainSigma_PaPerM = Math.Sqrt(Math.Max(pp - (Gain_PaPerM * hp), 0) / (_n - 2) / hh);
        Preload_Pa = _p0 + ((_sp - (Gain_PaPerM * _sh)) / _n) - (Gain_PaPerM * _h0);
    }
}
