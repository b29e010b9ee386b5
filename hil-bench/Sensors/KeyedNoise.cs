namespace ChargeTwin.HilBench.Sensors;

/// <summary>
/// A sensor's Gaussian noise as a function of the instant it samples: the draw at time t depends on the channel's
/// seed and on t (to the nanosecond) alone — a counter-based generator (SplitMix64 at index t, polar method on
/// successive indices). How often a channel is read therefore does not change what it reads at a given instant:
/// a scenario on the CAN link, whose front end samples every 10 ms, sees at each control instant the same noise as
/// on the direct link, which samples once per period, so the two differ by what the wire does and nothing else.
/// Like <c>BenchRandom</c>, written out so that a seed gives the same numbers on every runtime and platform.
/// </summary>
public static class KeyedNoise
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The standard normal deviate of channel <paramref name="seed"/> at <paramref name="t_s"/>.</summary>
    public static double Gaussian(ulong seed, double t_s)
    {
        var index = seed + ((ulong)(long)Math.Round(t_s * 1e9) * Golden);
        for (var k = 0UL; ; k += 2)
        {
            var u = (2 * Uniform(index, k)) - 1;
            var v = (2 * Uniform(index, k + 1)) - 1;
            var s = (u * u) + (v * v);
            if (s < 1 && s > 0)
            {
                return u * Math.Sqrt(-2 * Math.Log(s) / s);
            }
        }
    }

    /// <summary>Uniform on [0, 1) with 53 random bits: SplitMix64's output at <paramref name="index"/> + k.</summary>
    private static double Uniform(ulong index, ulong k)
    {
        var z = index + ((k + 1) * 0xD1B54A32D192ED03UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
