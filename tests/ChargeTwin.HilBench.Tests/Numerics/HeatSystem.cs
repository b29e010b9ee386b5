using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Tests.Numerics;

/// <summary>
/// 1-D heat equation u_t = D u_xx − β m sin(πx) on (0, 1), u = 0 at both ends, by central differences on N interior
/// nodes (banded), with two border unknowns: the algebraic mean temperature m = h Σ u_i and the differential
/// cumulative E' = m. From u(x, 0) = sin(πx) the semi-discrete system has the exact solution u_i = e^{μt} sin(πx_i),
/// m = σ e^{μt}, E = σ (e^{μt} − 1)/μ with λ_h = −(4D/h²) sin²(πh/2), σ = h Σ sin(πx_i), μ = λ_h − βσ.
/// Optional root: m − <see cref="MeanThreshold"/>. Without the border (<c>border: false</c>) it is the plain banded
/// heat equation (β = 0, μ = λ_h).
/// </summary>
internal sealed class HeatSystem : IDaeSystem
{
    private readonly bool[] _differential;
    private readonly double[] _shape;
    private readonly int _nodes;
    private readonly double _h;
    private readonly bool _analyticJacobian;
    private readonly bool _border;

    public HeatSystem(int nodes, double diffusivity = 1.0, double beta = 1.0, bool analyticJacobian = true, int bandwidth = 1, int rootCount = 0, bool border = true)
    {
        _nodes = nodes;
        _h = 1.0 / (nodes + 1);
        _border = border;
        Diffusivity = diffusivity;
        Beta = border ? beta : 0.0;
        beta = Beta;
        _analyticJacobian = analyticJacobian;
        RootCount = border ? rootCount : 0;
        int size = border ? nodes + 2 : nodes;
        Layout = new JacobianLayout(size, nodes, bandwidth, bandwidth);
        _differential = new bool[size];
        Array.Fill(_differential, true);
        if (border)
        {
            _differential[nodes] = false;
        }

        _shape = new double[nodes];
        double sigma = 0;
        for (int i = 0; i < nodes; i++)
        {
            _shape[i] = Math.Sin(Math.PI * (i + 1) * _h);
            sigma += _h * _shape[i];
        }

        Sigma = sigma;
        double s = Math.Sin(Math.PI * _h / 2.0);
        Mu = (-4.0 * diffusivity / (_h * _h) * s * s) - (beta * sigma);
    }

    public double Diffusivity { get; }

    public double Beta { get; }

    public double Sigma { get; }

    public double Mu { get; }

    public double MeanThreshold { get; set; } = 0.3;

    public double LatestResidualTime { get; private set; } = double.NegativeInfinity;

    public JacobianLayout Layout { get; }

    public ReadOnlySpan<bool> IsDifferential => _differential;

    public int RootCount { get; }

    public int Nodes => _nodes;

    public void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual)
    {
        LatestResidualTime = Math.Max(LatestResidualTime, t);
        int n = _nodes;
        double k = Diffusivity / (_h * _h);
        double m = _border ? y[n] : 0.0;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double left = i > 0 ? y[i - 1] : 0.0;
            double right = i < n - 1 ? y[i + 1] : 0.0;
            residual[i] = yp[i] - (k * (left - (2.0 * y[i]) + right)) + (Beta * m * _shape[i]);
            sum += y[i];
        }

        if (_border)
        {
            residual[n] = m - (_h * sum);
            residual[n + 1] = yp[n + 1] - m;
        }
    }

    public bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian)
    {
        if (!_analyticJacobian)
        {
            return false;
        }

        int n = _nodes;
        double k = Diffusivity / (_h * _h);
        for (int i = 0; i < n; i++)
        {
            jacobian.Add(i, i, cj + (2.0 * k));
            if (i > 0)
            {
                jacobian.Add(i, i - 1, -k);
            }

            if (i < n - 1)
            {
                jacobian.Add(i, i + 1, -k);
            }

            if (_border)
            {
                jacobian.Add(i, n, Beta * _shape[i]);
                jacobian.Add(n, i, -_h);
            }
        }

        if (!_border)
        {
            return true;
        }

        jacobian.Add(n, n, 1.0);
        jacobian.Add(n + 1, n + 1, cj);
        jacobian.Add(n + 1, n, -1.0);
        return true;
    }

    public void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g)
    {
        if (RootCount > 0)
        {
            g[0] = y[_nodes] - MeanThreshold;
        }
    }

    public void InitialState(Span<double> y, Span<double> yp)
    {
        y.Clear();
        yp.Clear();
        _shape.CopyTo(y);
        // m and E deliberately left at 0 and y' at 0: consistent initialisation finds them.
    }

    public void Exact(double t, Span<double> y)
    {
        double a = Math.Exp(Mu * t);
        for (int i = 0; i < _nodes; i++)
        {
            y[i] = a * _shape[i];
        }

        if (!_border)
        {
            return;
        }

        y[_nodes] = Sigma * a;
        y[_nodes + 1] = Sigma * (a - 1.0) / Mu;
    }
}
