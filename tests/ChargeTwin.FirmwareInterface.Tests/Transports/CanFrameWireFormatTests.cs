using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.FirmwareInterface.Tests.Transports;

public sealed class CanFrameWireFormatTests
{
    [Fact]
    public void StandardFrame_IsLinuxCanFrameLayout()
    {
        var buffer = new byte[16];
        CanFrameWireFormat.Write(new CanFrame(0x123, [0xDE, 0xAD]), buffer);
        Assert.Equal(new byte[] { 0x23, 0x01, 0, 0, 2, 0, 0, 0, 0xDE, 0xAD, 0, 0, 0, 0, 0, 0 }, buffer);
    }

    [Fact]
    public void ExtendedRemoteAndLongDlcFrames_RoundTrip()
    {
        var buffer = new byte[16];
        CanFrame ext = new(0x18DAF110, [1, 2, 3, 4, 5, 6, 7, 8], extended: true) { Dlc = 13 };
        CanFrameWireFormat.Write(ext, buffer);
        Assert.Equal(0x98, buffer[3]);
        Assert.Equal((8, 13), (buffer[4], buffer[7]));
        Assert.True(CanFrameWireFormat.TryRead(buffer, out CanFrame back));
        Assert.Equal((ext.Id, ext.Dlc, ext.Flags), (back.Id, back.Dlc, back.Flags));
        Assert.Equal(ext.Data.ToArray(), back.Data.ToArray());

        CanFrame rtr = new(0x55, []) { Flags = CanFrameFlags.Remote };
        CanFrameWireFormat.Write(rtr, buffer);
        Assert.True(CanFrameWireFormat.TryRead(buffer, out back));
        Assert.Equal(CanFrameFlags.Remote, back.Flags);
    }

    [Theory]
    [InlineData(15, 4, 9)]
    [InlineData(16, 9, 0)]
    [InlineData(16, 4, 12)]
    [InlineData(16, 8, 16)]
    public void InvalidEncodings_AreRefused(int size, int len, int len8Dlc)
    {
        var buffer = new byte[size];
        buffer[4 % size] = (byte)len;
        if (size > 7)
        {
            buffer[7] = (byte)len8Dlc;
        }

        Assert.False(CanFrameWireFormat.TryRead(buffer, out _));
    }

    [Fact]
    public void StandardIdWithBitsAbove11_IsRefused()
    {
        var buffer = new byte[16];
        buffer[1] = 0x08;
        Assert.False(CanFrameWireFormat.TryRead(buffer, out _));
    }
}
