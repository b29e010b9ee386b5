using ChargeTwin.Controller.Twin.Model;
using ChargeTwin.Controller.Twin.Solver;

namespace ChargeTwin.Controller.Twin;

/// <summary>
/// The solver's view of the twin: from the filter's mean state, the reduced model at one constant current for the
/// horizon, the constraints checked after each step; σ of each constrained output from the filter's covariance
/// through the output's gradient at the present state (<see cref="SetSigmas"/>) — the parameter uncertainty that
/// dominates it is constant over a minute, so one linearisation per decision serves every candidate current — and
/// the reduced model's own η_Li error at the candidate current, in quadrature.
/// </summary>
internal sealed class TwinHorizonPredictor(ReducedCellModel model, TwinUncertainty uncertainty, double horizon_s, int steps) : IHorizonPredictor
{
    private readonly double[] _a = new double[model.Layout.StateCount];
    private readonly double[] _b = new double[model.Layout.StateCount];
    private double[] _start = [];
    private double _ambient_K;
    private double _sigmaEta, _sigmaT, _sigmaV;
    private readonly double _restConcentration = model.Parameters.InitialElectrolyteConcentration_molPerM3;

    public void SetStart(double[] state, double ambient_K)
    {
        _start = state;
        _ambient_K = ambient_K;
    }

    public void SetSigmas(double platingOverpotential_V, double coreTemperature_K, double voltage_V)
    {
        _sigmaEta = platingOverpotential_V;
        _sigmaT = coreTemperature_K;
        _sigmaV = voltage_V;
    }

    public void Predict(double current_A, ref HorizonPrediction p)
    {
        _start.AsSpan().CopyTo(_a);
        var dt = horizon_s / steps;
        double minEta = double.PositiveInfinity, maxT = double.NegativeInfinity, maxV = double.NegativeInfinity, minCe = double.PositiveInfinity;
        for (var k = 0; k < steps; k++)
        {
            model.Step(_a, current_A, _ambient_K, dt, _b);
            model.Evaluate(_b, current_A, _ambient_K, out var o);
            minEta = Math.Min(minEta, double.IsNaN(o.PlatingOverpotential_V) ? double.NegativeInfinity : o.PlatingOverpotential_V);
            maxT = Math.Max(maxT, double.IsNaN(o.CoreTemperature_K) ? double.PositiveInfinity : o.CoreTemperature_K);
            maxV = Math.Max(maxV, double.IsNaN(o.Voltage_V) ? double.PositiveInfinity : o.Voltage_V);
            var ce = o.MinimumElectrolyteConcentration_molPerM3 / _restConcentration;
            minCe = Math.Min(minCe, double.IsNaN(ce) ? double.NegativeInfinity : ce);
            _b.AsSpan().CopyTo(_a);
        }

        p.MinPlatingOverpotential_V = minEta;
        var modelSigma = uncertainty.PlatingModelSigma_V(current_A);
        p.PlatingOverpotentialSigma_V = Math.Sqrt((_sigmaEta * _sigmaEta) + (modelSigma * modelSigma));
        p.MaxCoreTemperature_K = maxT;
        p.CoreTemperatureSigma_K = _sigmaT;
        p.MaxVoltage_V = maxV;
        p.VoltageSigma_V = _sigmaV;
        p.MinElectrolyteFraction = minCe;
    }
}
