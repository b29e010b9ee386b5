using System.Globalization;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;
using CsCheck;

namespace ChargeTwin.FirmwareInterface.Tests.Dbc;

/// <summary>
/// Encode → decode is the identity within half a raw step for every in-range value (issue 29): for every signal of the
/// shipped DBC, and for random signal layouts (Intel and Motorola, signed and unsigned, 1–48 bits anywhere in the
/// payload, any factor and offset) written as DBC text and parsed; bits outside the signal are left as they were. Random
/// layouts stop at 48 bits: beyond, a double cannot hold a physical value to half a raw step (at 52 bits, factor 2 and
/// offset 319.425 the range's own maximum, 9007199254741310.425, rounds to a raw value one past the top).
/// </summary>
public sealed class SignalCodecPropertyTests
{
    private sealed record Layout(int Start, int Length, bool Motorola, bool Signed, double Factor, double Offset)
    {
        public string Dbc()
        {
            long rawMin = Signed ? -(1L << (Length - 1)) : 0;
            long rawMax = Signed ? (1L << (Length - 1)) - 1 : (1L << Length) - 1;
            double a = (rawMin * Factor) + Offset, b = (rawMax * Factor) + Offset;
            return string.Create(CultureInfo.InvariantCulture,
                $"VERSION \"\"\n\nBU_: A B\n\nBO_ 256 M: 8 A\n SG_ S : {Start}|{Length}@{(Motorola ? 0 : 1)}{(Signed ? '-' : '+')} ({Factor:R},{Offset:R}) [{Math.Min(a, b):R}|{Math.Max(a, b):R}] \"u\" B\n");
        }
    }

    private static readonly double[] s_factors = [1.0, 0.5, 0.1, 0.01, 0.001, 2.0, 0.25, 1e-6, 3.7, -0.5];

    private static readonly Gen<Layout> s_layout =
        from length in Gen.Int[1, 48]
        from position in Gen.Int[0, 64 - length]
        from motorola in Gen.Bool
        from signed in Gen.Bool
        from factor in Gen.Int[0, s_factors.Length - 1].Select(i => s_factors[i])
        from offset in Gen.OneOf(Gen.Const(0.0), Gen.Double[-1000, 1000])
        select new Layout(
            // Intel: the start bit is the least significant bit. Motorola: the most significant, numbered within its
            // byte from the top (DBC's sawtooth), so a position counted from the top of the payload maps back to it.
            motorola ? ((position / 8) * 8) + 7 - (position % 8) : position,
            length, motorola, signed, factor, offset);

    private static void AssertRoundTrip(DbcSignal signal, double value, ulong background)
    {
        Span<byte> payload = stackalloc byte[8];
        BitConverter.TryWriteBytes(payload, background);
        Assert.True(signal.Fits(value), $"{signal}: {value:R} in [{signal.Minimum:R}|{signal.Maximum:R}] does not fit");
        signal.Encode(payload, value);
        var decoded = signal.Decode(payload);
        var tolerance = (0.5 * Math.Abs(signal.Factor) * (1 + 1e-9)) + (1e-12 * Math.Max(Math.Abs(value), Math.Abs(signal.Offset)));
        Assert.True(Math.Abs(decoded - value) <= tolerance, $"{signal} ({signal.Factor:R},{signal.Offset:R}): {value:R} → {decoded:R}");
        Assert.True(signal.Fits(decoded), $"{signal}: the decoded {decoded:R} does not fit");

        // the other bits are the background's
        signal.SetRaw(payload, 0);
        var bits = BitConverter.ToUInt64(payload);
        var other = background ^ bits;
        Span<byte> alone = stackalloc byte[8];
        signal.SetRaw(alone, -1);
        var mask = BitConverter.ToUInt64(alone) | BitConverter.ToUInt64(SetAll(signal));
        Assert.True((other & ~mask) == 0, $"{signal}: bits outside the signal changed ({other & ~mask:X16})");
    }

    private static byte[] SetAll(DbcSignal signal)
    {
        var payload = new byte[8];
        signal.SetRaw(payload, signal.RawMaximum);
        return payload;
    }

    [Fact]
    public void RandomLayouts_EncodeThenDecode_IsTheIdentityWithinHalfAStep()
    {
        var checkedLayouts = 0;
        Gen.Select(s_layout, Gen.Double[0, 1], Gen.ULong).Sample((layout, fraction, background) =>
        {
            var signal = DbcParser.Parse(layout.Dbc(), "p.dbc").Messages[0].Signals[0];
            Assert.Equal((layout.Start, layout.Length), (signal.StartBit, signal.Length));
            var value = signal.Minimum + (fraction * (signal.Maximum - signal.Minimum));
            AssertRoundTrip(signal, value, background);
            AssertRoundTrip(signal, signal.Minimum, background);
            AssertRoundTrip(signal, signal.Maximum, background);
            Interlocked.Increment(ref checkedLayouts); // CsCheck samples on several threads
        }, iter: 3000, seed: "0N0XIzNsQ0O2");
        Assert.Equal(3000, checkedLayouts);
    }

    [Fact]
    public void ShippedSignals_EncodeThenDecode_IsTheIdentityWithinHalfAStep()
    {
        var signals = DbcParser.ParseFile(ChargerProtocol.DefaultDbcPath).Messages.SelectMany(m => m.Signals).ToArray();
        Assert.True(signals.Length >= 40);
        Gen.Select(Gen.Int[0, signals.Length - 1], Gen.Double[0, 1], Gen.ULong).Sample((index, fraction, background) =>
        {
            var signal = signals[index];
            AssertRoundTrip(signal, signal.Minimum + (fraction * (signal.Maximum - signal.Minimum)), background);
        }, iter: 5000, seed: "0N0XIzNsQ0O2");
    }
}
