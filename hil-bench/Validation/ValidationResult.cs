namespace ChargeTwin.HilBench.Validation;

/// <summary>The numbers of one validation case; NaN where the data has no such quantity.</summary>
public sealed record ValidationResult(
    ValidationCase Case,
    string CellName,
    double VoltageRmse_mV,
    double VoltageMax_mV,
    double MeasuredCapacity_Ah,
    double ModelCapacity_Ah,
    double MeasuredTemperatureRise_K,
    double ModelTemperatureRise_K,
    double ThicknessCorrelation,
    double Elapsed_s,
    string Plot)
{
    public bool VoltageMet => VoltageRmse_mV <= Case.VoltageTarget_mV;

    public bool TemperatureMet => double.IsNaN(MeasuredTemperatureRise_K)
        || Math.Abs(ModelTemperatureRise_K - MeasuredTemperatureRise_K) <= ValidationCase.TemperatureRiseTolerance * Math.Abs(MeasuredTemperatureRise_K);

    public bool ThicknessMet => double.IsNaN(ThicknessCorrelation) || ThicknessCorrelation >= ValidationCase.ThicknessCorrelationTarget;

    public bool AllMet => VoltageMet && TemperatureMet && ThicknessMet;
}
