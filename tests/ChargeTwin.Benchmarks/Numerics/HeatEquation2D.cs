using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.Benchmarks.Numerics;

/// <summary>
/// 2-D heat equation u_t = D Δu − β m sin(πx) sin(πy) on the unit square (u = 0 on the boundary), 5-point stencil
/// on nx × ny interior nodes ordered row by row (bandwidth nx), plus two border unknowns: the algebraic mean
/// m = hx·hy·Σu and the differential E' = m. The shape of the plant's Jacobian: ~1000 unknowns, bandwidth ~26,
/// a border of 2.
/// </summary>
internal sealed class HeatEquation2D : IDaeSystem
{
    private readonly int _nx;
    private readonly int _ny;
    private readonly int _nodes;
    private readonly double _kx;
    private readonly double _ky;
    private readonly double _cell;
    private readonly double[] _shape;
    private readonly bool[] _differential;

    public HeatEquation2D(int nx = 26, int ny = 38, double diffusivity = 0.1, double beta = 0.5)
    {
        _nx = nx;
        _ny = ny;
        _nodes = nx * ny;
        double hx = 1.0 / (nx + 1);
        double hy = 1.0 / (ny + 1);
        _kx = diffusivity / (hx * hx);
        _ky = diffusivity / (hy * hy);
        _cell = hx * hy;
        Beta = beta;
        _shape = new double[_nodes];
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                _shape[(j * nx) + i] = Math.Sin(Math.PI * (i + 1) * hx) * Math.Sin(Math.PI * (j + 1) * hy);
            }
        }

        Layout = new JacobianLayout(_nodes + 2, _nodes, nx, nx);
        _differential = new bool[_nodes + 2];
        Array.Fill(_differential, true);
        _differential[_nodes] = false;
    }

    public double Beta { get; }

    public JacobianLayout Layout { get; }

    public ReadOnlySpan<bool> IsDifferential => _differential;

    public int RootCount => 0;

    public void InitialState(Span<double> y, Span<double> yp)
    {
        y.Clear();
        yp.Clear();
        _shape.CopyTo(y);
    }

    public void Residual(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> residual)
    {
        double m = y[_nodes];
        double sum = 0.0;
        for (int j = 0; j < _ny; j++)
        {
            for (int i = 0; i < _nx; i++)
            {
                int p = (j * _nx) + i;
                double u = y[p];
                double west = i > 0 ? y[p - 1] : 0.0;
                double east = i < _nx - 1 ? y[p + 1] : 0.0;
                double south = j > 0 ? y[p - _nx] : 0.0;
                double north = j < _ny - 1 ? y[p + _nx] : 0.0;
                double laplacian = (_kx * (west - (2.0 * u) + east)) + (_ky * (south - (2.0 * u) + north));
                residual[p] = yp[p] - laplacian + (Beta * m * _shape[p]);
                sum += u;
            }
        }

        residual[_nodes] = m - (_cell * sum);
        residual[_nodes + 1] = yp[_nodes + 1] - m;
    }

    public bool Jacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, double cj, BorderedBandMatrix jacobian)
    {
        for (int j = 0; j < _ny; j++)
        {
            for (int i = 0; i < _nx; i++)
            {
                int p = (j * _nx) + i;
                jacobian.Add(p, p, cj + (2.0 * _kx) + (2.0 * _ky));
                if (i > 0)
                {
                    jacobian.Add(p, p - 1, -_kx);
                }

                if (i < _nx - 1)
                {
                    jacobian.Add(p, p + 1, -_kx);
                }

                if (j > 0)
                {
                    jacobian.Add(p, p - _nx, -_ky);
                }

                if (j < _ny - 1)
                {
                    jacobian.Add(p, p + _nx, -_ky);
                }

                jacobian.Add(p, _nodes, Beta * _shape[p]);
                jacobian.Add(_nodes, p, -_cell);
            }
        }

        jacobian.Add(_nodes, _nodes, 1.0);
        jacobian.Add(_nodes + 1, _nodes + 1, cj);
        jacobian.Add(_nodes + 1, _nodes, -1.0);
        return true;
    }

    public void Roots(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> yp, Span<double> g)
    {
    }
}
