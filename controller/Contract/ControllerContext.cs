namespace ChargeTwin.Controller.Contract;

/// <summary>
/// What a controller knows before the charge: the datasheet capacity, the charger's ratings, its own period,
/// and the SOC at plug-in as its BMS reports it (with that report's σ).
/// </summary>
public sealed record ControllerContext(
    double NominalCapacity_Ah,
    double ChargerMaxCurrent_A,
    double ChargerMaxVoltage_V,
    double Period_s,
    double InitialSocEstimate,
    double InitialSocSigma);
