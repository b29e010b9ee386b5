using ChargeTwin.Controller.Twin.Model;

namespace ChargeTwin.Controller.Twin;

/// <summary>
/// The directions in which the Kalman filter corrects the reduced model's state: the lithium content of each
/// electrode's particles (a uniform shift of every shell's stoichiometry — what coulomb counting gets wrong and the
/// voltage reveals), the temperature (one direction for the lumped model, core and surface for the two-node one) and
/// each estimated parameter — and the two sensors' biases, which move no model state but what the channels read. The within-particle profiles and the electrolyte follow the known current
/// deterministically and are not estimated. So the filter's covariance is r×r with r = 12–13, not the model's ≈80
/// states: a reduced-rank (error-state) filter — the mean still moves with the full model.
/// </summary>
internal sealed class TwinSubspace
{
    public const int NegativeLithium = 0;
    public const int PositiveLithium = 1;
    public const int Temperature = 2;
    private readonly TwinLayout _layout;

    public TwinSubspace(ReducedCellModel model)
    {
        _layout = model.Layout;
        TwoNode = model.Parameters.InternalThermalResistance_KPerW is not null;
        SurfaceTemperature = TwoNode ? Temperature + 1 : Temperature;
        ParameterStart = SurfaceTemperature + 1;
        VoltageBias = ParameterStart + _layout.ParameterCount;
        TemperatureBias = VoltageBias + 1;
        Count = TemperatureBias + 1;
    }

    /// <summary>Dimension of the correction space.</summary>
    public int Count { get; }

    /// <summary>Two temperature directions (core, surface) or one (lumped).</summary>
    public bool TwoNode { get; }

    /// <summary>The surface temperature's direction (the same as <see cref="Temperature"/> when lumped).</summary>
    public int SurfaceTemperature { get; }

    public int ParameterStart { get; }

    /// <summary>The voltage sensor's bias [V]: not a model state — it shifts only what the voltage channel reads.</summary>
    public int VoltageBias { get; }

    /// <summary>The temperature sensor's bias [K], likewise.</summary>
    public int TemperatureBias { get; }

    /// <summary>The correction direction of the model parameter at layout index <paramref name="layoutIndex"/>.</summary>
    public int Parameter(int layoutIndex) => ParameterStart + (layoutIndex - _layout.ParameterStart);

    /// <summary>result = full + B z.</summary>
    public void Apply(ReadOnlySpan<double> full, ReadOnlySpan<double> z, Span<double> result)
    {
        full.CopyTo(result);
        var l = _layout;
        var negative = result.Slice(l.NegativeParticleStart, l.NegativeVolumes * l.NegativeShells);
        for (var i = 0; i < negative.Length; i++)
        {
            negative[i] += z[NegativeLithium];
        }

        var positive = result.Slice(l.PositiveParticleStart, l.PositiveShells);
        for (var i = 0; i < positive.Length; i++)
        {
            positive[i] += z[PositiveLithium];
        }

        result[l.CoreTemperature] += z[Temperature];
        result[l.SurfaceTemperature] += z[SurfaceTemperature];
        for (var p = 0; p < l.ParameterCount; p++)
        {
            result[l.ParameterStart + p] += z[ParameterStart + p];
        }
    }

    /// <summary>z = B⁺ delta: the least-squares correction that a change of the full state amounts to.</summary>
    public void Project(ReadOnlySpan<double> delta, Span<double> z)
    {
        var l = _layout;
        z[NegativeLithium] = Mean(delta.Slice(l.NegativeParticleStart, l.NegativeVolumes * l.NegativeShells));
        z[PositiveLithium] = Mean(delta.Slice(l.PositiveParticleStart, l.PositiveShells));
        if (TwoNode)
        {
            z[Temperature] = delta[l.CoreTemperature];
            z[SurfaceTemperature] = delta[l.SurfaceTemperature];
        }
        else
        {
            z[Temperature] = 0.5 * (delta[l.CoreTemperature] + delta[l.SurfaceTemperature]);
        }

        for (var p = 0; p < l.ParameterCount; p++)
        {
            z[ParameterStart + p] = delta[l.ParameterStart + p];
        }
    }

    /// <summary>Typical magnitude of each direction, for finite-difference steps.</summary>
    public double Scale(int index) =>
        index == Parameter(_layout.SeriesResistanceOffset_Ohm) || index == VoltageBias ? 0.01 : index is Temperature || index == SurfaceTemperature || index == TemperatureBias ? 10 : 0.1;

    private static double Mean(ReadOnlySpan<double> v)
    {
        var sum = 0.0;
        foreach (var x in v)
        {
            sum += x;
        }

        return sum / v.Length;
    }
}
