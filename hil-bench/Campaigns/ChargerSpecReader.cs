using ChargeTwin.Controller.Quantities;
using ChargeTwin.HilBench.Link;
using ChargeTwin.RtCore.Config;
using YamlDotNet.RepresentationModel;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>Reads a campaign's charger: its current and voltage ratings, slew limit and (on the direct link) heartbeat timeout.</summary>
internal sealed class ChargerSpecReader(YamlReader<CampaignException> y)
{
    public ChargerSpec Read(YamlNode node, LinkKind link)
    {
        var charger = new CampaignSection(y, y.Mapping(node, "charger"), "charger", ["max_current", "max_voltage", "slew", "heartbeat_timeout"]);
        var current = y.PositiveCurrent(charger.Need("max_current"), "charger.max_current");
        var voltage = y.Value(charger.Need("max_voltage"), "charger.max_voltage", QuantityKind.Voltage, 2, 5, minExclusive: true);
        var slew = new Quantity(QuantityKind.SlewRate, 1000);
        if (charger.Get("slew") is { } slewNode)
        {
            slew = y.Quantity(slewNode, "charger.slew", QuantityKind.SlewRate);
            if (!(slew.Value > 0))
            {
                throw y.Error(slewNode, "charger.slew", "impossible: the slew rate must be positive");
            }
        }

        var heartbeat = 5.0;
        if (charger.Get("heartbeat_timeout") is { } heartbeatNode)
        {
            if (link == LinkKind.Can)
            {
                throw y.Error(heartbeatNode, "charger.heartbeat_timeout",
                    "applies to link: direct only; on the CAN link the DBC's timeouts supervise the controller (PS_Setpoint 60 ms, CTRL_Heartbeat 300 ms)");
            }

            heartbeat = y.Value(heartbeatNode, "charger.heartbeat_timeout", QuantityKind.Time, 0, 3600, minExclusive: true);
        }

        return new ChargerSpec(current, voltage, slew, heartbeat);
    }
}
