using System.Globalization;
using System.Text;
using ChargeTwin.FirmwareInterface.CodeGen;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.E2E;

namespace ChargeTwin.FirmwareInterface.Tests.CodeGen;

/// <summary>
/// The generated header compiled by the real gcc (-Wall -Wextra -Werror -pedantic) into a small harness,
/// and every message round-tripped: C# encodes random values at and inside their limits, C unpacks and
/// repacks, C packs with its own counter and CRC, and C# decodes what C wrote.
/// </summary>
public sealed class GeneratedCHeaderTests : IClassFixture<GeneratedCHeaderTests.Harness>
{
    private const int FramesPerMessage = 300;
    private readonly Harness _harness;

    public GeneratedCHeaderTests(Harness harness) => _harness = harness;

    [Fact]
    public void EveryMessage_RoundTripsThroughTheGeneratedC_AtAndInsideItsLimits()
    {
        var rng = new Random(4242);
        var commands = new StringBuilder();
        var expectations = new List<(DbcMessage Message, byte[] Bytes, long[] Raws, int Counter)>();
        foreach (DbcMessage m in _harness.Config.Database.Messages)
        {
            E2EMessageConfig e2e = _harness.Config.For(m)!;
            for (int i = 0; i < FramesPerMessage; i++)
            {
                var payload = new byte[m.Dlc];
                foreach (DbcSignal s in m.Signals)
                {
                    s.Encode(payload, PickPhysical(s, i, rng));
                }

                int counter = i % E2EMessageConfig.CounterModulo;
                e2e.Protect(payload, counter);
                long[] raws = m.Signals.Select(s => s.GetRaw(payload)).ToArray();
                expectations.Add((m, payload, raws, counter));
                commands.Append(CultureInfo.InvariantCulture, $"U {m.Index} {Convert.ToHexString(payload)}\n");
                commands.Append(CultureInfo.InvariantCulture, $"P {m.Index} {counter} {string.Join(' ', raws)}\n");
            }
        }

        string[] output = _harness.Run(commands.ToString());

        Assert.Equal(expectations.Count * 2, output.Length);
        for (int k = 0; k < expectations.Count; k++)
        {
            (DbcMessage m, byte[] bytes, long[] raws, int counter) = expectations[k];
            string context = $"{m.Name} frame {k}";

            // U: C unpacked our bytes to the same raw values, packed them back to the same bytes, and its CRC check agrees.
            string[] u = output[2 * k].Split(' ');
            Assert.True(u.Length == raws.Length + 2, $"{context}: '{output[2 * k]}'");
            Assert.Equal(raws, u[..raws.Length].Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray());
            Assert.Equal(Convert.ToHexString(bytes), u[raws.Length]);
            Assert.Equal("1", u[raws.Length + 1]);

            // P: C packed the raws with its own counter and CRC; C# reads back exactly what it sent.
            byte[] fromC = Convert.FromHexString(output[(2 * k) + 1]);
            Assert.Equal(bytes, fromC);
            for (int s = 0; s < m.Signals.Count; s++)
            {
                Assert.Equal(m.Signals[s].Decode(bytes), m.Signals[s].Decode(fromC));
            }
        }
    }

    [Fact]
    public void PhysicalEncodeInC_SaturatesAndRoundsLikeTheCSharpCodec()
    {
        var rng = new Random(99);
        var commands = new StringBuilder();
        var expected = new List<long[]>();
        foreach (DbcMessage m in _harness.Config.Database.Messages)
        {
            for (int i = 0; i < 100; i++)
            {
                double[] values = m.Signals.Select(s => i switch
                {
                    0 => s.Minimum - 1000,
                    1 => s.Maximum + 1000,
                    2 => s.Minimum,
                    3 => s.Maximum,
                    _ => PickPhysical(s, i, rng),
                }).ToArray();
                expected.Add(m.Signals.Select((s, j) => s.ToRaw(values[j])).ToArray());
                commands.Append(CultureInfo.InvariantCulture, $"E {m.Index} {string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}\n");
            }
        }

        string[] output = _harness.Run(commands.ToString());

        Assert.Equal(expected.Count, output.Length);
        for (int k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k], output[k].Split(' ').Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray());
        }
    }

    [Fact]
    public void Header_DeclaresTheTimingContractAndE2EConstants()
    {
        string header = _harness.Header;
        Assert.Contains("#define CT_PS_SETPOINT_ID 0x100u", header, StringComparison.Ordinal);
        Assert.Contains("#define CT_PS_SETPOINT_CYCLE_MS 20u", header, StringComparison.Ordinal);
        Assert.Contains("#define CT_PS_SETPOINT_TIMEOUT_MS 60u", header, StringComparison.Ordinal);
        Assert.Contains("#define CT_PS_SETPOINT_E2E_DATA_ID 0x1100u", header, StringComparison.Ordinal);
        Assert.Contains("#define CT_PS_STATUS_ST_STATE_SAFERAMPDOWN 6LL", header, StringComparison.Ordinal);
        Assert.Contains("int16_t sp_currentlimit;", header, StringComparison.Ordinal);
        Assert.Contains("int32_t cm1_cellcurrent;", header, StringComparison.Ordinal);
    }

    [Fact]
    public void CrcInC_MatchesTheCheckValue()
        => Assert.Equal(["4B"], _harness.Run("C 123456789\n"));

    /// <summary>Minimum, maximum, or a random value inside the range (a third each after the first two frames).</summary>
    private static double PickPhysical(DbcSignal s, int i, Random rng)
    {
        double lo = s.Minimum < s.Maximum ? s.Minimum : s.ToPhysical(s.RawMinimum);
        double hi = s.Minimum < s.Maximum ? s.Maximum : s.ToPhysical(s.RawMaximum);
        return i switch
        {
            0 => lo,
            1 => hi,
            _ => rng.Next(3) switch
            {
                0 => lo,
                1 => hi,
                _ => lo + (rng.NextDouble() * (hi - lo)),
            },
        };
    }

    /// <summary>Generates the header and the harness once, and compiles them with gcc.</summary>
    public sealed class Harness
    {
        public Harness()
        {
            Config = E2EConfiguration.FromDatabase(TestProtocol.Database);
            Directory = ExternalTool.TempDirectory("cheader");
            Header = CHeaderGenerator.Generate(Config);
            File.WriteAllText(Path.Combine(Directory, "chargetwin.h"), Header);
            File.WriteAllText(Path.Combine(Directory, "harness.c"), HarnessSource(Config));
            Executable = Path.Combine(Directory, "harness");
            var gcc = ExternalTool.Run("gcc", ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-o", Executable, "harness.c"], workingDirectory: Directory);
            if (gcc.ExitCode != 0)
            {
                throw new InvalidOperationException("gcc failed on the generated header:\n" + gcc.StdErr);
            }
        }

        public E2EConfiguration Config { get; }

        public string Directory { get; }

        public string Header { get; }

        public string Executable { get; }

        public string[] Run(string input)
        {
            var r = ExternalTool.Run(Executable, [], input);
            Assert.True(r.ExitCode == 0, $"harness exited {r.ExitCode}: {r.StdErr}");
            return r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        /// <summary>
        /// A stdin/stdout driver: "U idx HEX" unpack → raws, repacked hex, check; "P idx counter raws..." →
        /// pack_protected hex; "E idx physical..." → raws from the _encode helpers; "C text" → CRC of text.
        /// </summary>
        private static string HarnessSource(E2EConfiguration config)
        {
            var c = new StringBuilder();
            c.AppendLine("#define _POSIX_C_SOURCE 200809L\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include \"chargetwin.h\"\n");
            c.AppendLine("""
                static void print_hex(const uint8_t *d, unsigned n) { for (unsigned i = 0; i < n; i++) printf("%02X", d[i]); }
                static void parse_hex(const char *h, uint8_t *d, unsigned n) { for (unsigned i = 0; i < n; i++) { unsigned v; sscanf(h + 2 * i, "%2x", &v); d[i] = (uint8_t)v; } }
                int main(void)
                {
                    static char line[4096];
                    while (fgets(line, sizeof line, stdin)) {
                        char *save = NULL;
                        char *cmd = strtok_r(line, " \n", &save);
                        if (cmd == NULL) continue;
                        if (cmd[0] == 'C') {
                            char *t = strtok_r(NULL, " \n", &save);
                            uint8_t crc = 0xFFu;
                            for (size_t i = 0; i < strlen(t); i++) crc = ct_crc8_j1850_update(crc, (uint8_t)t[i]);
                            printf("%02X\n", (unsigned)(crc ^ 0xFFu));
                            continue;
                        }
                        int idx = atoi(strtok_r(NULL, " \n", &save));
                        uint8_t data[8] = {0};
                        switch (idx) {
                """);
            foreach (DbcMessage m in config.Database.Messages)
            {
                string n = "ct_" + m.Name.ToLowerInvariant();
                c.AppendLine(CultureInfo.InvariantCulture, $"        case {m.Index}: {{");
                c.AppendLine(CultureInfo.InvariantCulture, $"            {n}_t m; memset(&m, 0, sizeof m);");
                c.AppendLine("            if (cmd[0] == 'U') {");
                c.AppendLine(CultureInfo.InvariantCulture, $"                parse_hex(strtok_r(NULL, \" \\n\", &save), data, {m.Dlc}u);");
                c.AppendLine(CultureInfo.InvariantCulture, $"                {n}_unpack(&m, data);");
                foreach (DbcSignal s in m.Signals)
                {
                    string f = CHeaderGenerator.Field(s);
                    c.AppendLine(s.IsSigned
                        ? $"                printf(\"%lld \", (long long)m.{f});"
                        : $"                printf(\"%llu \", (unsigned long long)m.{f});");
                }

                c.AppendLine(CultureInfo.InvariantCulture, $"                uint8_t again[8] = {{0}}; {n}_pack(again, &m); print_hex(again, {m.Dlc}u); printf(\" %d\\n\", {n}_check(data));");
                c.AppendLine("            } else if (cmd[0] == 'P') {");
                c.AppendLine("                int counter = atoi(strtok_r(NULL, \" \\n\", &save));");
                foreach (DbcSignal s in m.Signals)
                {
                    string f = CHeaderGenerator.Field(s);
                    c.AppendLine(CultureInfo.InvariantCulture, $"                m.{f} = ({CHeaderGenerator.CType(s)})strto{(s.IsSigned ? "ll" : "ull")}(strtok_r(NULL, \" \\n\", &save), NULL, 10);");
                }

                c.AppendLine(CultureInfo.InvariantCulture, $"                {n}_pack_protected(data, &m, (uint8_t)counter); print_hex(data, {m.Dlc}u); printf(\"\\n\");");
                c.AppendLine("            } else if (cmd[0] == 'E') {");
                foreach (DbcSignal s in m.Signals)
                {
                    string f = CHeaderGenerator.Field(s);
                    string cast = s.IsSigned ? "(long long)" : "(unsigned long long)";
                    string fmt = s.IsSigned ? "%lld" : "%llu";
                    c.AppendLine(CultureInfo.InvariantCulture, $"                printf(\"{fmt}%s\", {cast}{n}_{f}_encode(strtod(strtok_r(NULL, \" \\n\", &save), NULL)), \"{(s == m.Signals[^1] ? "\\n" : " ")}\");");
                }

                c.AppendLine("            }");
                c.AppendLine("            break;");
                c.AppendLine("        }");
            }

            c.AppendLine("""
                        default: printf("unknown message %d\n", idx); return 2;
                        }
                    }
                    return 0;
                }
                """);
            return c.ToString();
        }
    }
}
