namespace ChargeTwin.Controller.Contract;

/// <summary>
/// What a controller reads in one period: terminal voltage and current, surface temperature and stack pressure,
/// as the sensors (or the CAN front end's frames) give them. Charge positive.
/// </summary>
public readonly record struct MeasuredSample(double Time_s, double Voltage_V, double Current_A, double Temperature_K, double StackPressure_Pa);
