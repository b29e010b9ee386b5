using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.CodeGen;
using ChargeTwin.FirmwareInterface.E2E;
using ChargeTwin.FirmwareInterface.Protocol;
using ChargeTwin.FirmwareInterface.Transports;

namespace ChargeTwin.FirmwareInterface.Tests.Transports;

/// <summary>
/// Host and power stage as separate processes over UDP on loopback: the C# controller side against a
/// C power stage compiled by gcc from the generated header (TestData/power_stage_udp.c).
/// </summary>
public sealed class CrossProcessUdpTests
{
    private const int Frames = 200;

    [Fact]
    public void ControllerAndCPowerStage_InSeparateProcesses_ExchangeProtectedFrames()
    {
        string dir = ExternalTool.TempDirectory("powerstage");
        File.WriteAllText(Path.Combine(dir, "chargetwin.h"), CHeaderGenerator.Generate(E2EConfiguration.FromDatabase(TestProtocol.Database)));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "power_stage_udp.c"), Path.Combine(dir, "power_stage_udp.c"));
        var gcc = ExternalTool.Run("gcc", ["-std=c99", "-Wall", "-Wextra", "-Werror", "-O2", "-o", "power_stage_udp", "power_stage_udp.c"], workingDirectory: dir);
        Assert.True(gcc.ExitCode == 0, gcc.StdErr);

        int powerStagePort = FreeUdpPort();
        using var host = new UdpCanTransport(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, powerStagePort));
        var psi = new ProcessStartInfo(Path.Combine(dir, "power_stage_udp"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(powerStagePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(host.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(Frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using Process powerStage = Process.Start(psi)!;
        try
        {
            Assert.Equal("ready", powerStage.StandardOutput.ReadLine());

            ChargerProtocol controller = TestProtocol.Create();
            var supervisor = new E2ESupervisor(controller.E2E, ["PS_Status"]);
            int corrupted = 0;
            for (int i = 0; i < Frames; i++)
            {
                var sp = new PowerStageSetpoint(-50 + (i * 0.5), 3.5 + (i * 0.004), Enable: true, PowerStageMode.ChargeCcCv, 100);
                CanFrame f = default;
                controller.EncodeSetpoint(sp, ref f);
                bool corrupt = i % 10 == 7;
                if (corrupt)
                {
                    f.Data[3] ^= 0x01;
                    corrupted++;
                }

                Assert.True(host.TrySend(f));
                Assert.True(host.TryReceive(out CanFrame reply, TimeSpan.FromSeconds(5)), $"no status for setpoint {i}");
                Assert.Equal(E2ECheck.Ok, supervisor.OnFrame(reply));
                PowerStageStatus st = controller.DecodeStatus(reply.Payload);
                Assert.Equal(corrupt, st.Faults.HasFlag(PowerStageFaults.SetpointInvalid));
                if (!corrupt)
                {
                    Assert.Equal(sp.CurrentLimit_A, st.OutputCurrent_A, 0.005);
                    Assert.Equal(sp.VoltageLimit_V, st.OutputVoltage_V, 0.0005);
                    Assert.Equal(PowerStageState.ConstantCurrent, st.State);
                }
            }

            Assert.True(powerStage.WaitForExit(10_000));
            Assert.Equal(0, powerStage.ExitCode);
            Assert.Equal($"valid={Frames - corrupted} invalid={corrupted}", powerStage.StandardOutput.ReadLine());
            Assert.Equal(Frames, supervisor.FramesAccepted);
        }
        finally
        {
            if (!powerStage.HasExited)
            {
                powerStage.Kill();
            }
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
