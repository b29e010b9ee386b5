using System.Globalization;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>
/// Writes plant samples as CSV, one row per sample: the measurable columns first, then the
/// hidden truth. Column names carry their units.
/// </summary>
public sealed class PlantTraceWriter : IDisposable
{
    public static readonly string[] Columns =
    [
        "time_s", "step", "current_A", "voltage_V", "temperature_K", "stack_pressure_Pa",
        "thickness_change_m", "charge_throughput_Ah", "soc_true", "plating_overpotential_V",
        "min_plating_overpotential_V", "neg_surface_stoichiometry_separator", "neg_surface_stoichiometry_avg",
        "pos_surface_stoichiometry_avg", "plated_lithium_mol", "dead_lithium_mol", "sei_lithium_mol",
        "particle_lithium_mol", "total_lithium_mol", "min_electrolyte_concentration_mol_m3",
    ];

    private readonly TextWriter _writer;
    private readonly bool _owns;

    public PlantTraceWriter(TextWriter writer, bool ownsWriter = false)
    {
        _writer = writer;
        _owns = ownsWriter;
        _writer.WriteLine(string.Join(',', Columns));
    }

    public static PlantTraceWriter Create(string path) =>
        new(new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)), ownsWriter: true);

    public void Write(in PlantSample s, int step, double chargeThroughput_Ah)
    {
        Span<double> v =
        [
            s.Time_s, step, s.Current_A, s.Voltage_V, s.Temperature_K, s.StackPressure_Pa,
            s.ThicknessChange_m, chargeThroughput_Ah, s.StateOfCharge, s.PlatingOverpotential_V,
            s.MinimumPlatingOverpotential_V, s.NegativeSurfaceStoichiometryAtSeparator, s.NegativeSurfaceStoichiometryAverage,
            s.PositiveSurfaceStoichiometryAverage, s.PlatedLithium_mol, s.DeadLithium_mol, s.SeiLithium_mol,
            s.ParticleLithium_mol, s.TotalLithium_mol, s.MinimumElectrolyteConcentration_molPerM3,
        ];
        for (var i = 0; i < v.Length; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            _writer.Write(i == 1 ? ((int)v[i]).ToString(CultureInfo.InvariantCulture) : v[i].ToString("G10", CultureInfo.InvariantCulture));
        }

        _writer.WriteLine();
    }

    public void Dispose()
    {
        _writer.Flush();
        if (_owns)
        {
            _writer.Dispose();
        }
    }
}
