using ChargeTwin.Controller.Quantities;

namespace ChargeTwin.Controller.Safety;

/// <summary>
/// One signal of the vocabulary: its name in the table, whether it is a flag (no threshold: the row trips while it is
/// set) and the kind of its threshold. A rate's threshold is its <see cref="Kind"/> per time (<c>10 K/min</c>, held in
/// base units per second).
/// </summary>
public sealed record DiagnosisSignalInfo(DiagnosisSignal Signal, string Name, QuantityKind? Kind, bool IsRate = false)
{
    public bool IsFlag => Kind is null;

    /// <summary>Every signal, in the order of <see cref="DiagnosisSignal"/>.</summary>
    public static IReadOnlyList<DiagnosisSignalInfo> All { get; } =
    [
        new(DiagnosisSignal.CellVoltage, "cell_voltage", QuantityKind.Voltage),
        new(DiagnosisSignal.CellCurrent, "cell_current", QuantityKind.Current),
        new(DiagnosisSignal.SurfaceTemperature, "surface_temperature", QuantityKind.Temperature),
        new(DiagnosisSignal.StackPressure, "stack_pressure", QuantityKind.Pressure),
        new(DiagnosisSignal.TemperatureRate, "temperature_rate", QuantityKind.TemperatureDifference, IsRate: true),
        new(DiagnosisSignal.PressureRate, "pressure_rate", QuantityKind.Pressure, IsRate: true),
        new(DiagnosisSignal.VoltageMismatch, "voltage_mismatch", QuantityKind.Voltage),
        new(DiagnosisSignal.CurrentMismatch, "current_mismatch", QuantityKind.Current),
        new(DiagnosisSignal.VoltageDrift, "voltage_drift", QuantityKind.Voltage),
        new(DiagnosisSignal.CurrentDrift, "current_drift", QuantityKind.Current),
        new(DiagnosisSignal.VoltageNoise, "voltage_noise", QuantityKind.Voltage),
        new(DiagnosisSignal.CurrentNoise, "current_noise", QuantityKind.Current),
        new(DiagnosisSignal.TemperatureNoise, "temperature_noise", QuantityKind.TemperatureDifference),
        new(DiagnosisSignal.PressureNoise, "pressure_noise", QuantityKind.Pressure),
        new(DiagnosisSignal.VoltageStuck, "voltage_stuck", QuantityKind.Time),
        new(DiagnosisSignal.CurrentStuck, "current_stuck", QuantityKind.Time),
        new(DiagnosisSignal.TemperatureStuck, "temperature_stuck", QuantityKind.Time),
        new(DiagnosisSignal.PressureStuck, "pressure_stuck", QuantityKind.Time),
        new(DiagnosisSignal.CurrentOvershoot, "current_overshoot", QuantityKind.Current),
        new(DiagnosisSignal.StatusLost, "status_lost", null),
        new(DiagnosisSignal.HeartbeatLost, "heartbeat_lost", null),
        new(DiagnosisSignal.PowerStageFault, "power_stage_fault", null),
        new(DiagnosisSignal.SetpointRejected, "setpoint_rejected", null),
        new(DiagnosisSignal.CrcErrors, "crc_errors", QuantityKind.Number),
        new(DiagnosisSignal.CounterErrors, "counter_errors", QuantityKind.Number),
        new(DiagnosisSignal.E2ETimeouts, "e2e_timeouts", QuantityKind.Number),
        new(DiagnosisSignal.MeasurementLost, "measurement_lost", null),
        new(DiagnosisSignal.ChannelBad, "channel_bad", null),
        new(DiagnosisSignal.DeadlineOverruns, "deadline_overruns", QuantityKind.Number),
        new(DiagnosisSignal.InnovationNis, "innovation_nis", QuantityKind.Number),
        new(DiagnosisSignal.StateOfSafety, "state_of_safety", QuantityKind.Fraction),
    ];

    public static DiagnosisSignalInfo Of(DiagnosisSignal signal) => All[(int)signal];

    /// <summary>The signal a table names, or null.</summary>
    public static DiagnosisSignalInfo? Find(string name)
    {
        foreach (var info in All)
        {
            if (info.Name == name)
            {
                return info;
            }
        }

        return null;
    }
}
