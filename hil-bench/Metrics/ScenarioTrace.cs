namespace ChargeTwin.HilBench.Metrics;

/// <summary>
/// A scenario's trace, one row per control period, column-wise (what the Parquet file and the plots take).
/// Names carry units; "true_" columns are the plant's hidden truth, "meas_" what the controller read, "est_" and
/// "twin_" what the twin controller believed and decided (NaN for other controllers; twin_binding is the
/// <c>BindingConstraint</c> code, −1 when nothing was admissible; alarms are 0/1; rejected_measurements counts the
/// measurements kept out of the filter so far).
/// </summary>
public sealed class ScenarioTrace
{
    /// <summary>The double columns, in file order.</summary>
    public static readonly string[] DoubleColumns =
    [
        "time_s", "charge_time_s",
        "true_current_A", "true_voltage_V", "true_temperature_K", "true_stack_pressure_Pa", "true_soc",
        "true_plating_overpotential_V", "true_min_plating_overpotential_V", "true_plated_lithium_mAh", "true_dead_lithium_mAh",
        "charge_throughput_Ah",
        "meas_voltage_V", "meas_current_A", "meas_temperature_K", "meas_stack_pressure_Pa", "meas_dpdq_Pa_per_Ah",
        "setpoint_current_A", "setpoint_voltage_V", "est_soc", "est_soc_sigma",
        "true_neg_surface_stoich_sep", "true_neg_surface_stoich_avg", "true_pos_surface_stoich_avg",
        "est_core_temperature_K", "est_core_temperature_sigma_K", "est_plating_overpotential_V", "est_plating_overpotential_sigma_V",
        "est_neg_surface_stoich", "est_neg_surface_stoich_sigma", "est_pos_surface_stoich", "est_pos_surface_stoich_sigma",
        "est_lli", "est_lli_sigma", "est_lam_neg", "est_lam_neg_sigma", "est_lam_pos", "est_lam_pos_sigma",
        "est_resistance_growth_Ohm", "est_resistance_growth_sigma_Ohm",
        "twin_predicted_voltage_V", "twin_binding", "twin_slack", "twin_evidence_margin_V",
        "pressure_evidence", "pressure_alarm", "voltage_evidence", "voltage_alarm", "rejected_measurements",
    ];

    private readonly List<double>[] _columns = [.. DoubleColumns.Select(_ => new List<double>(4096))];
    private readonly List<string> _phase = new(4096);
    private readonly List<string> _stageMode = new(4096);
    private readonly List<string> _reason = new(4096);

    public int Count => _phase.Count;

    public IReadOnlyList<double> Column(int index) => _columns[index];

    public IReadOnlyList<double> Column(string name) => _columns[Array.IndexOf(DoubleColumns, name)];

    public IReadOnlyList<string> Phase => _phase;

    public IReadOnlyList<string> PowerStageMode => _stageMode;

    public IReadOnlyList<string> Reason => _reason;

    /// <summary>Appends a row; <paramref name="values"/> in <see cref="DoubleColumns"/> order.</summary>
    public void Add(ReadOnlySpan<double> values, string phase, string stageMode, string reason)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            _columns[i].Add(values[i]);
        }

        _phase.Add(phase);
        _stageMode.Add(stageMode);
        _reason.Add(reason);
    }
}
