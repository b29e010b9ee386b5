namespace ChargeTwin.Controller.Safety;

/// <summary>
/// The table's <c>settings:</c>: what the monitor's derived signals need (windows, bands, the lead model) and the
/// state-of-safety breakpoints. Every field has the default table's value; the table may set each.
/// </summary>
public sealed record DiagnosisSettings
{
    /// <summary>Leads between the power stage's sense point and the cell: V_cell ≈ V_out − I_out·R_lead.</summary>
    public double LeadResistance_Ohm { get; init; }

    /// <summary>The slowest the power stage brings its output down after a lower setpoint [A/s].</summary>
    public double PowerStageRampDown_A_per_s { get; init; } = 5;

    public double CrossCheckWindow_s { get; init; } = 0.1;

    public double DriftWindow_s { get; init; } = 5;

    public double RateWindow_s { get; init; } = 10;

    /// <summary>Voltage updates over which the estimator's mean NIS is taken.</summary>
    public int NisWindow { get; init; } = 30;

    public double StuckVoltageBand_V { get; init; } = 0.010;

    public double StuckCurrentBand_A { get; init; } = 0.2;

    public double StuckChargingCurrent_A { get; init; } = 2.5;

    /// <summary>A leaky event counter drains one event per this time.</summary>
    public double CounterDrainTime_s { get; init; } = 1;

    public ScoreRamp SosTemperature_K { get; init; } = new(273.15 + 45, 273.15 + 60);

    public ScoreRamp SosTemperatureRate_K_per_s { get; init; } = new(8.0 / 60, 25.0 / 60);

    public ScoreRamp SosPressureRate_Pa_per_s { get; init; } = new(20e3 / 60, 60e3 / 60);

    public ScoreRamp SosVoltage_V { get; init; } = new(4.21, 4.30);
}
