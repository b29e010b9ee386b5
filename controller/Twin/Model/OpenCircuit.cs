namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// Electrode open-circuit potential with its entropic term, U(x, T) = U(x) + (T − T_ref) ∂U/∂T(x), and the
/// stoichiometry clipped to (10⁻¹⁰, 1 − 10⁻¹⁰) as PyBaMM and the plant clip it. Allocation-free.
/// </summary>
internal static class OpenCircuit
{
    private const double Clip = 1e-10;

    /// <summary>U(x, T) [V].</summary>
    public static double Potential(TwinElectrode e, double x, double temperature_K, double reference_K)
    {
        Span<double> args = stackalloc double[1];
        args[0] = Math.Clamp(x, Clip, 1 - Clip);
        var u = e.OpenCircuitPotential.Evaluate(args);
        if (e.EntropicChange is { } entropic)
        {
            u += (temperature_K - reference_K) * entropic.Evaluate(args);
        }

        return u;
    }

    /// <summary>U(x, T) [V], ∂U/∂x [V] and ∂U/∂T(x) [V/K].</summary>
    public static double Potential(TwinElectrode e, double x, double temperature_K, double reference_K, out double dU_dx, out double dU_dT)
    {
        Span<double> args = stackalloc double[1];
        Span<double> grad = stackalloc double[1];
        var inside = x > Clip && x < 1 - Clip;
        args[0] = Math.Clamp(x, Clip, 1 - Clip);
        var u = e.OpenCircuitPotential.Evaluate(args, grad);
        dU_dx = inside ? grad[0] : 0;
        dU_dT = 0;
        if (e.EntropicChange is { } entropic)
        {
            dU_dT = entropic.Evaluate(args, grad);
            var dT = temperature_K - reference_K;
            u += dT * dU_dT;
            dU_dx += inside ? dT * grad[0] : 0;
        }

        return u;
    }
}
