using ChargeTwin.Controller.Safety;

namespace ChargeTwin.Controller.Tests.Safety;

/// <summary>The loop thread allocates nothing: a tick of the monitor, with rows tripping, healing and latching, allocates no byte.</summary>
public sealed class ZeroAllocationTests
{
    [Fact]
    public void Tick_AllocatesNothing_OverAHundredThousandVariedTicks()
    {
        const int warmUp = 20_000;
        const int measured = 100_000;
        var charge = new SyntheticCharge(7);
        var inputs = new SafetyInputs[warmUp + measured];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = charge.Next();
            Vary(ref inputs[i], i);
        }

        var monitor = new SafetyMonitor();
        var active = 0;
        for (var i = 0; i < warmUp; i++)
        {
            monitor.Tick(inputs[i]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = warmUp; i < inputs.Length; i++)
        {
            active += monitor.Tick(inputs[i]).IsNominal ? 0 : 1;
            if (i % 10_000 == 0)
            {
                monitor.Reset();
            }

            active += monitor.RowStatus[i % monitor.RowStatus.Length].Active ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.InRange(active, 1, 2 * measured - 1);
    }

    /// <summary>Faults that come and go: over-voltage bursts, lost status, CRC bursts, a hot spell, NaN-free but varied.</summary>
    private static void Vary(ref SafetyInputs x, int i)
    {
        var phase = i % 3000;
        if (phase is >= 500 and < 520)
        {
            x.CellVoltage_V = x.OutputVoltage_V = 4.31;
        }

        if (phase is >= 1000 and < 1010)
        {
            x.StatusLost = true;
        }

        if (phase is >= 1500 and < 2500)
        {
            x.SurfaceTemperature_K = 273.15 + 52;
        }

        x.CrcErrors = i / 700 * 6;
        x.InnovationNis = phase < 2000 ? x.InnovationNis : 8 + (i % 7);
    }
}
