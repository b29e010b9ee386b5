namespace ChargeTwin.HilBench.Sensors;

/// <summary>
/// What a controller reads in one period: terminal voltage and current (the power stage's output
/// measurement), surface temperature and stack pressure, through the sensor models. Charge positive.
/// </summary>
public readonly record struct MeasuredSample(double Time_s, double Voltage_V, double Current_A, double Temperature_K, double StackPressure_Pa);
