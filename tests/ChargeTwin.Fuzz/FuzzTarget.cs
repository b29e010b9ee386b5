using ChargeTwin.Fuzz.Targets;

namespace ChargeTwin.Fuzz;

/// <summary>One input through one reader: the outcome line (<see cref="Outcome"/>), or an exception that is a finding.</summary>
public delegate string FuzzTargetRun(ReadOnlySpan<byte> data);

/// <summary>A harness: its name (the corpus folder's too), what it reads, and the run.</summary>
public sealed record FuzzTarget(string Name, string Reads, FuzzTargetRun Run)
{
    /// <summary>Every harness, one per reader of outside input.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("campaign", "campaign YAML (hil-bench/Campaigns/CampaignLoader) and the scenario matrix", CampaignTarget.Run),
        new("cell", "cell YAML (controller/Cells/CellFileLoader via CellLibrary.Load), functions evaluated", data => CellTarget.Run(data, "fuzz.yaml")),
        new("bpx", "BPX JSON (controller/Cells/Bpx/BpxImporter via CellLibrary.Load), functions evaluated", data => CellTarget.Run(data, "fuzz.json")),
        new("expression", "an expression string in a cell file (controller/Cells/Expressions), evaluated with its gradient", ExpressionTarget.Run),
        new("dbc", "DBC text (firmware-interface/Dbc/DbcParser), every signal's codec, the protocol binding", DbcTarget.Run),
        new("measured", "measured-data files in every layout (hil-bench/Validation/MeasuredTestReader, Calibration/CalibrationData)", MeasuredTarget.Run),
        new("devicemap", "the sensor device map YAML (firmware-interface/Sensors/DeviceMapLoader)", DeviceMapTarget.Run),
        new("candump", "candump logs (firmware-interface/Logs/CandumpLogReader), records formatted back", CandumpTarget.Run),
        new("experiment", "experiment step strings (controller/Experiments/ExperimentParser)", ExperimentTarget.Run),
        new("can", "CAN frames in the UDP wire format through E2E supervision and the protocol decoders of both ends", CanTarget.Run),
        new("diagnosis", "the diagnosis table YAML (controller/Safety/DiagnosisTableLoader) and a monitor on it", DiagnosisTarget.Run),
        new("pulse", "the LG M50 pulse file's layout (hil-bench/Calibration/PulseTestReader)", CalibrationInputTargets.Pulses),
        new("priors", "a calibration priors file (hil-bench/Calibration/PriorFileReader)", CalibrationInputTargets.Priors),
        new("hostconfig", "the controller host's configuration YAML (controller/Host/Config/HostConfigLoader)", HostConfigTarget.Run),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
