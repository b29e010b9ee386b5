namespace ChargeTwin.Cells;

/// <summary>How a table is interpolated: tabulated BPX data ({"x": […], "y": […]}) and the cell language's table functions.</summary>
public enum TableInterpolation
{
    /// <summary>Piecewise linear, extrapolating the end segments — what PyBaMM's BPX import does.</summary>
    Linear,

    /// <summary>Cubic spline with not-a-knot ends, extrapolating the end polynomials.</summary>
    Cubic,

    /// <summary>Made monotone and smoothed with a Gaussian of a stated width, then a cubic spline (<see cref="MonotoneSmoothing"/>).</summary>
    MonotoneSmoothed,
}
