namespace ChargeTwin.HilBench.Parameters;

/// <summary>How tabulated BPX data ({"x": […], "y": […]}) is interpolated.</summary>
public enum TableInterpolation
{
    /// <summary>Piecewise linear, extrapolating the end segments — what PyBaMM's BPX import does.</summary>
    Linear,

    /// <summary>Cubic spline with not-a-knot ends, extrapolating the end polynomials.</summary>
    Cubic,
}
