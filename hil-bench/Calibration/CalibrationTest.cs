namespace ChargeTwin.HilBench.Calibration;

/// <summary>Which part of a measured test a comparison point belongs to.</summary>
public enum TestSegment
{
    Discharge,
    RestAfterDischarge,
    Charge,
    RestAfterCharge,
}

/// <summary>A constant current from <see cref="Start_s"/> to <see cref="End_s"/> [A], charge positive.</summary>
public readonly record struct CurrentPiece(double Start_s, double End_s, double Current_A)
{
    public double Duration_s => End_s - Start_s;
}

/// <summary>
/// A measured test prepared for replay through the plant: the measured current as piecewise-constant pieces
/// (charge-preserving averages of the recorded current), the points where model and measurement are compared
/// (test time, measured voltage and, where recorded, temperature), the ambient and the initial rest state.
/// Time 0 is the start of the first discharge.
/// </summary>
public sealed record CalibrationTest
{
    /// <summary>Short name, e.g. "T25 1C" or the file name.</summary>
    public required string Name { get; init; }

    /// <summary>The file it came from.</summary>
    public required string Source { get; init; }

    /// <summary>Ambient (chamber) temperature of the replay [K]: the measured temperature before the discharge.</summary>
    public required double Ambient_K { get; init; }

    /// <summary>Cell temperature at time 0 [K].</summary>
    public required double InitialTemperature_K { get; init; }

    /// <summary>Rested open-circuit voltage before the discharge [V]; the initial SOC is where the model's OCV equals it.</summary>
    public required double InitialRestVoltage_V { get; init; }

    /// <summary>An explicit initial SOC (0–1) that overrides <see cref="InitialRestVoltage_V"/>, e.g. for synthetic data.</summary>
    public double? InitialStateOfCharge { get; init; }

    /// <summary>How the initial state was chosen (for the report).</summary>
    public string InitialStateNote { get; init; } = "";

    /// <summary>The replayed current, in time order, contiguous from 0 to <see cref="End_s"/>.</summary>
    public required CurrentPiece[] Profile { get; init; }

    /// <summary>Comparison times [s], increasing, within (0, <see cref="End_s"/>].</summary>
    public required double[] Time_s { get; init; }

    /// <summary>Measured terminal voltage at <see cref="Time_s"/> [V].</summary>
    public required double[] Voltage_V { get; init; }

    /// <summary>Measured cell temperature at <see cref="Time_s"/> [K]; NaN where not recorded. Null when the test has none.</summary>
    public double[]? Temperature_K { get; init; }

    /// <summary>The segment of each comparison point.</summary>
    public required TestSegment[] Segment { get; init; }

    /// <summary>Charge passed in the discharge as measured [A h] (negative).</summary>
    public double MeasuredDischarge_Ah { get; init; }

    /// <summary>Nominal C-rate of the discharge (|I|/nominal capacity), for names and reports.</summary>
    public double DischargeRate_C { get; init; }

    public double End_s => Profile[^1].End_s;

    public int Count => Time_s.Length;

    public bool HasTemperature => Temperature_K is not null && Temperature_K.Any(double.IsFinite);

    /// <summary>A copy with other measured values (synthetic data: the plant's output plus noise).</summary>
    public CalibrationTest WithMeasurements(double[] voltage_V, double[]? temperature_K) =>
        this with { Voltage_V = voltage_V, Temperature_K = temperature_K };
}
