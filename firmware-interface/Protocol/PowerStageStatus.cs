namespace ChargeTwin.FirmwareInterface.Protocol;

/// <summary>Power stage → controller (PS_Status).</summary>
/// <param name="OutputCurrent_A">Measured output current; positive charges the cell.</param>
/// <param name="OutputVoltage_V">Measured output voltage.</param>
/// <param name="State">What the power stage is doing.</param>
/// <param name="Faults">Active fault bits.</param>
/// <param name="HeatsinkTemperature_K">Heatsink temperature (sent in whole °C).</param>
public readonly record struct PowerStageStatus(
    double OutputCurrent_A,
    double OutputVoltage_V,
    PowerStageState State,
    PowerStageFaults Faults,
    double HeatsinkTemperature_K);
