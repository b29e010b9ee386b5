using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.FirmwareInterface.Tests.Protocol;

public sealed class CycleScheduleTests
{
    [Fact]
    public void DueAtTheStart_ThenOnTheGrid_ALateTickSendsOnce_AndTheGridHolds()
    {
        var s = new CycleSchedule(20);
        s.Start(100);
        Assert.True(s.Due(100));
        Assert.False(s.Due(110));
        Assert.True(s.Due(120));
        Assert.False(s.Due(139));

        // Late by 35: due once at 175, then again at the grid point 180, not at 195.
        Assert.True(s.Due(175));
        Assert.False(s.Due(179));
        Assert.True(s.Due(180));
    }

    [Fact]
    public void SentOutOfTurn_StartsTheGridAgainFromThen()
    {
        var s = new CycleSchedule(20);
        s.Start(0);
        Assert.True(s.Due(0));
        s.SentAt(7);
        Assert.False(s.Due(20));
        Assert.True(s.Due(27));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CycleSchedule(0));
    }
}
