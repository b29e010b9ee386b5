using System.Text;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.Protocol;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>
/// DBC text through <see cref="DbcParser.Parse"/>; a database that parses is bound to the protocol (a missing message
/// or signal is the parser's own error too), and every signal it defines is decoded from and encoded into payloads.
/// </summary>
internal static class DbcTarget
{
    public const string File = "fuzz.dbc";

    private static readonly byte[][] s_payloads = [new byte[8], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]];

    public static string Run(ReadOnlySpan<byte> data)
    {
        DbcDatabase database;
        try
        {
            database = DbcParser.Parse(Encoding.UTF8.GetString(data), File);
        }
        catch (DbcFormatException e)
        {
            return Outcome.Refused(e, File);
        }

        var signals = 0;
        Span<byte> payload = stackalloc byte[8];
        foreach (var message in database.Messages)
        {
            foreach (var signal in message.Signals)
            {
                signals++;
                foreach (var bytes in s_payloads)
                {
                    var value = signal.Decode(bytes);
                    bytes.CopyTo(payload);
                    if (signal.Fits(value))
                    {
                        signal.Encode(payload, value);
                    }

                    signal.Encode(payload, signal.Minimum);
                    signal.Encode(payload, signal.Maximum);
                }
            }
        }

        string binding;
        try
        {
            binding = $"protocol bound, {new ChargerProtocol(database).Database.Messages.Count} messages";
        }
        catch (DbcFormatException e)
        {
            binding = Outcome.Refused(e, File);
        }

        return Outcome.Ok($"{database.Messages.Count} messages, {signals} signals; {binding}");
    }
}
