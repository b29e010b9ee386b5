using ChargeTwin.FirmwareInterface.Can;
using ChargeTwin.FirmwareInterface.Dbc;
using ChargeTwin.FirmwareInterface.E2E;

namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>
/// The ChargeTwin power-stage protocol, bound by name to a parsed DBC at start-up: typed encode/decode of
/// each frame, with the sender's alive counters and CRC. One instance per sending node (it owns that
/// node's counters). Encode and decode allocate nothing.
/// </summary>
public sealed class ChargerProtocol
{
    /// <summary>Celsius to kelvin.</summary>
    private const double ZeroCelsius_K = 273.15;

    private readonly int[] _txCounters;

    private readonly DbcSignal _spEnable, _spMode, _spCurrent, _spVoltage, _spRamp;
    private readonly DbcSignal _stState, _stCurrent, _stVoltage, _stHeatsink;
    private readonly DbcSignal[] _stFaultBits;
    private readonly DbcSignal _cm1Voltage, _cm1Current, _cm1Status, _cm1Age;
    private readonly DbcSignal _cm2Temperature, _cm2Force, _cm2Pressure, _cm2Status;
    private readonly DbcSignal _hbcState, _hbcUptime, _hbcVersion;
    private readonly DbcSignal _hbpState, _hbpUptime, _hbpMajor, _hbpMinor;

    /// <summary>Binds the protocol to a database; a DBC that lacks a needed message or signal is a <see cref="DbcFormatException"/>.</summary>
    public ChargerProtocol(DbcDatabase database)
    {
        Database = database;
        E2E = E2EConfiguration.FromDatabase(database);
        _txCounters = new int[database.Messages.Count];

        Setpoint = Need("PS_Setpoint");
        Status = Need("PS_Status");
        CellVoltageCurrent = Need("CM_CellVoltageCurrent");
        CellTemperaturePressure = Need("CM_CellTemperaturePressure");
        ControllerHeartbeat = Need("CTRL_Heartbeat");
        PowerStageHeartbeat = Need("PS_Heartbeat");

        _spEnable = Need(Setpoint, "SP_Enable");
        _spMode = Need(Setpoint, "SP_Mode");
        _spCurrent = Need(Setpoint, "SP_CurrentLimit");
        _spVoltage = Need(Setpoint, "SP_VoltageLimit");
        _spRamp = Need(Setpoint, "SP_CurrentRampRate");

        _stState = Need(Status, "ST_State");
        _stCurrent = Need(Status, "ST_OutputCurrent");
        _stVoltage = Need(Status, "ST_OutputVoltage");
        _stHeatsink = Need(Status, "ST_HeatsinkTemperature");
        _stFaultBits =
        [
            Need(Status, "ST_FaultOverCurrent"),
            Need(Status, "ST_FaultOverVoltage"),
            Need(Status, "ST_FaultOverTemperature"),
            Need(Status, "ST_FaultSetpointTimeout"),
            Need(Status, "ST_FaultSetpointInvalid"),
            Need(Status, "ST_FaultInternal"),
        ];

        _cm1Voltage = Need(CellVoltageCurrent, "CM1_CellVoltage");
        _cm1Current = Need(CellVoltageCurrent, "CM1_CellCurrent");
        _cm1Status = Need(CellVoltageCurrent, "CM1_MeasStatus");
        _cm1Age = Need(CellVoltageCurrent, "CM1_SampleAge");
        _cm2Temperature = Need(CellTemperaturePressure, "CM2_SurfaceTemperature");
        _cm2Force = Need(CellTemperaturePressure, "CM2_StackForce");
        _cm2Pressure = Need(CellTemperaturePressure, "CM2_StackPressure");
        _cm2Status = Need(CellTemperaturePressure, "CM2_MeasStatus");

        _hbcState = Need(ControllerHeartbeat, "HBC_NodeState");
        _hbcUptime = Need(ControllerHeartbeat, "HBC_Uptime");
        _hbcVersion = Need(ControllerHeartbeat, "HBC_ProtocolVersion");
        _hbpState = Need(PowerStageHeartbeat, "HBP_NodeState");
        _hbpUptime = Need(PowerStageHeartbeat, "HBP_Uptime");
        _hbpMajor = Need(PowerStageHeartbeat, "HBP_FirmwareMajor");
        _hbpMinor = Need(PowerStageHeartbeat, "HBP_FirmwareMinor");

        foreach (DbcMessage m in new[] { Setpoint, Status, CellVoltageCurrent, CellTemperaturePressure, ControllerHeartbeat, PowerStageHeartbeat })
        {
            if (E2E.For(m) is null)
            {
                throw new DbcFormatException(database.FileName, m.Line, $"BO_ {m.Name}: the protocol needs E2E protection (E2ERole Crc and Counter signals) on this message");
            }
        }
    }

    /// <summary>The value (in the signal's unit) of the last misfit an encoder returned: what did not fit.</summary>
    public double MisfitValue { get; private set; } = double.NaN;

    /// <summary>
    /// The last misfit as one line: "<paramref name="message"/>SIGNAL = value unit does not fit the DBC range [min|max] at t s"
    /// (<paramref name="message"/> names where it was sent, e.g. "PS_Setpoint." or "CM ").
    /// </summary>
    public string Misfit(string message, DbcSignal signal, double at_s) => System.FormattableString.Invariant(
        $"{message}{signal.Name} = {MisfitValue:G6} {signal.Unit} does not fit the DBC range [{signal.Minimum:G6}|{signal.Maximum:G6}] at {at_s:0.###} s");

    /// <summary>Where the DBC shipped with this assembly lies.</summary>
    public static string DefaultDbcPath => Path.Combine(AppContext.BaseDirectory, "protocol", "chargetwin.dbc");

    /// <summary>The parsed DBC.</summary>
    public DbcDatabase Database { get; }

    /// <summary>E2E and timing configuration of every message.</summary>
    public E2EConfiguration E2E { get; }

    /// <summary>PS_Setpoint: controller → power stage.</summary>
    public DbcMessage Setpoint { get; }

    /// <summary>PS_Status: power stage → controller.</summary>
    public DbcMessage Status { get; }

    /// <summary>CM_CellVoltageCurrent: CAN front end → controller.</summary>
    public DbcMessage CellVoltageCurrent { get; }

    /// <summary>CM_CellTemperaturePressure: CAN front end → controller.</summary>
    public DbcMessage CellTemperaturePressure { get; }

    /// <summary>CTRL_Heartbeat.</summary>
    public DbcMessage ControllerHeartbeat { get; }

    /// <summary>PS_Heartbeat.</summary>
    public DbcMessage PowerStageHeartbeat { get; }

    /// <summary>Parses a DBC file and binds the protocol to it.</summary>
    public static ChargerProtocol Load(string dbcPath) => new(DbcParser.ParseFile(dbcPath));

    /// <summary>Loads the DBC shipped beside the assembly.</summary>
    public static ChargerProtocol LoadDefault() => Load(DefaultDbcPath);

    /// <summary>
    /// Fills a setpoint frame: identifier, DLC, signals, next alive counter, CRC. Returns the first signal whose value
    /// lies outside its DBC range (the frame then carries it saturated), or null when every value fits.
    /// </summary>
    public DbcSignal? EncodeSetpoint(in PowerStageSetpoint setpoint, ref CanFrame frame)
    {
        Span<byte> d = Begin(Setpoint, ref frame);
        _spEnable.SetRaw(d, setpoint.Enable ? 1 : 0);
        _spMode.SetRaw(d, (long)setpoint.Mode);
        DbcSignal? misfit = Put(_spCurrent, d, setpoint.CurrentLimit_A, null);
        misfit = Put(_spVoltage, d, setpoint.VoltageLimit_V, misfit);
        misfit = Put(_spRamp, d, setpoint.CurrentRampRate_A_per_s, misfit);
        Finish(Setpoint, d);
        return misfit;
    }

    /// <summary>Reads a setpoint payload (E2E checks are the supervisor's job).</summary>
    public PowerStageSetpoint DecodeSetpoint(ReadOnlySpan<byte> payload) => new(
        _spCurrent.Decode(payload),
        _spVoltage.Decode(payload),
        _spEnable.GetRaw(payload) != 0,
        (PowerStageMode)_spMode.GetRaw(payload),
        _spRamp.Decode(payload));

    /// <summary>Fills a status frame; returns the first signal whose value did not fit its DBC range, or null.</summary>
    public DbcSignal? EncodeStatus(in PowerStageStatus status, ref CanFrame frame)
    {
        Span<byte> d = Begin(Status, ref frame);
        _stState.SetRaw(d, (long)status.State);
        DbcSignal? misfit = Put(_stCurrent, d, status.OutputCurrent_A, null);
        misfit = Put(_stVoltage, d, status.OutputVoltage_V, misfit);
        misfit = Put(_stHeatsink, d, status.HeatsinkTemperature_K - ZeroCelsius_K, misfit);
        for (int i = 0; i < _stFaultBits.Length; i++)
        {
            _stFaultBits[i].SetRaw(d, ((int)status.Faults >> i) & 1);
        }

        Finish(Status, d);
        return misfit;
    }

    /// <summary>Reads a status payload.</summary>
    public PowerStageStatus DecodeStatus(ReadOnlySpan<byte> payload)
    {
        int faults = 0;
        for (int i = 0; i < _stFaultBits.Length; i++)
        {
            faults |= (int)_stFaultBits[i].GetRaw(payload) << i;
        }

        return new PowerStageStatus(
            _stCurrent.Decode(payload),
            _stVoltage.Decode(payload),
            (PowerStageState)_stState.GetRaw(payload),
            (PowerStageFaults)faults,
            _stHeatsink.Decode(payload) + ZeroCelsius_K);
    }

    /// <summary>Fills both cell-measurement frames; returns the first signal whose value did not fit its DBC range, or null.</summary>
    /// <param name="measurement">The values.</param>
    /// <param name="voltageCurrent">Receives CM_CellVoltageCurrent.</param>
    /// <param name="temperaturePressure">Receives CM_CellTemperaturePressure.</param>
    /// <param name="sampleAge_ms">Time from sampling to transmission.</param>
    /// <param name="measurementStatus">Front-end status nibble (0 = all channels good).</param>
    public DbcSignal? EncodeCellMeasurement(in CellMeasurement measurement, ref CanFrame voltageCurrent, ref CanFrame temperaturePressure, double sampleAge_ms = 0, int measurementStatus = 0)
    {
        Span<byte> a = Begin(CellVoltageCurrent, ref voltageCurrent);
        DbcSignal? misfit = Put(_cm1Voltage, a, measurement.CellVoltage_V, null);
        misfit = Put(_cm1Current, a, measurement.CellCurrent_A, misfit);
        _cm1Status.SetRaw(a, measurementStatus);
        misfit = Put(_cm1Age, a, sampleAge_ms, misfit);
        Finish(CellVoltageCurrent, a);

        Span<byte> b = Begin(CellTemperaturePressure, ref temperaturePressure);
        misfit = Put(_cm2Temperature, b, measurement.SurfaceTemperature_K - ZeroCelsius_K, misfit);
        misfit = Put(_cm2Force, b, measurement.StackForce_N, misfit);
        misfit = Put(_cm2Pressure, b, measurement.StackPressure_Pa, misfit);
        _cm2Status.SetRaw(b, measurementStatus);
        Finish(CellTemperaturePressure, b);
        return misfit;
    }

    /// <summary>Reads the two cell-measurement payloads.</summary>
    public CellMeasurement DecodeCellMeasurement(ReadOnlySpan<byte> voltageCurrent, ReadOnlySpan<byte> temperaturePressure) => new(
        _cm1Voltage.Decode(voltageCurrent),
        _cm1Current.Decode(voltageCurrent),
        _cm2Temperature.Decode(temperaturePressure) + ZeroCelsius_K,
        _cm2Force.Decode(temperaturePressure),
        _cm2Pressure.Decode(temperaturePressure));

    /// <summary>CM1_SampleAge of a CM_CellVoltageCurrent payload: time from sampling to transmission [ms].</summary>
    public double DecodeSampleAge_ms(ReadOnlySpan<byte> voltageCurrent) => _cm1Age.Decode(voltageCurrent);

    /// <summary>The front end's status nibbles of both measurement payloads, OR-ed (0: every channel good).</summary>
    public int DecodeMeasurementStatus(ReadOnlySpan<byte> voltageCurrent, ReadOnlySpan<byte> temperaturePressure)
        => (int)(_cm1Status.GetRaw(voltageCurrent) | _cm2Status.GetRaw(temperaturePressure));

    /// <summary>Fills the controller's heartbeat (VersionMajor is the protocol version).</summary>
    public void EncodeControllerHeartbeat(in Heartbeat heartbeat, ref CanFrame frame)
    {
        Span<byte> d = Begin(ControllerHeartbeat, ref frame);
        _hbcState.SetRaw(d, (long)heartbeat.State);
        _hbcUptime.SetRaw(d, heartbeat.Uptime_s);
        _hbcVersion.SetRaw(d, heartbeat.VersionMajor);
        Finish(ControllerHeartbeat, d);
    }

    /// <summary>Reads a controller heartbeat payload.</summary>
    public Heartbeat DecodeControllerHeartbeat(ReadOnlySpan<byte> payload)
        => new((NodeState)_hbcState.GetRaw(payload), (uint)_hbcUptime.GetRaw(payload), (byte)_hbcVersion.GetRaw(payload), 0);

    /// <summary>Fills the power stage's heartbeat.</summary>
    public void EncodePowerStageHeartbeat(in Heartbeat heartbeat, ref CanFrame frame)
    {
        Span<byte> d = Begin(PowerStageHeartbeat, ref frame);
        _hbpState.SetRaw(d, (long)heartbeat.State);
        _hbpUptime.SetRaw(d, heartbeat.Uptime_s);
        _hbpMajor.SetRaw(d, heartbeat.VersionMajor);
        _hbpMinor.SetRaw(d, heartbeat.VersionMinor);
        Finish(PowerStageHeartbeat, d);
    }

    /// <summary>Reads a power-stage heartbeat payload.</summary>
    public Heartbeat DecodePowerStageHeartbeat(ReadOnlySpan<byte> payload)
        => new((NodeState)_hbpState.GetRaw(payload), (uint)_hbpUptime.GetRaw(payload), (byte)_hbpMajor.GetRaw(payload), (byte)_hbpMinor.GetRaw(payload));

    /// <summary>Sets the counter the next frame of a message will carry (0..14), e.g. to test counter supervision.</summary>
    public void SetNextCounter(DbcMessage message, int counter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(counter, E2EMessageConfig.CounterModulo);
        _txCounters[message.Index] = counter;
    }

    /// <summary>Encodes a value (saturated where it does not fit) and returns the first misfit so far.</summary>
    private DbcSignal? Put(DbcSignal signal, Span<byte> payload, double physical, DbcSignal? misfit)
    {
        signal.Encode(payload, physical);
        if (misfit is not null || signal.Fits(physical))
        {
            return misfit;
        }

        MisfitValue = physical;
        return signal;
    }

    private static Span<byte> Begin(DbcMessage message, ref CanFrame frame)
    {
        frame.Id = message.Id;
        frame.Flags = message.IsExtended ? CanFrameFlags.Extended : CanFrameFlags.None;
        frame.Dlc = (byte)message.Dlc;
        Span<byte> data = frame.Data;
        data.Clear();
        return data[..message.Dlc];
    }

    private void Finish(DbcMessage message, Span<byte> payload)
    {
        E2EMessageConfig e2e = E2E.ForIndex(message.Index)!;
        ref int counter = ref _txCounters[message.Index];
        e2e.Protect(payload, counter);
        counter = (counter + 1) % E2EMessageConfig.CounterModulo;
    }

    private DbcMessage Need(string name)
        => Database.Messages.FirstOrDefault(m => m.Name == name)
            ?? throw new DbcFormatException(Database.FileName, 0, $"the protocol needs a message named {name}");

    private DbcSignal Need(DbcMessage message, string name)
        => message.FindSignal(name)
            ?? throw new DbcFormatException(Database.FileName, message.Line, $"BO_ {message.Name}: the protocol needs a signal named {name}");
}
