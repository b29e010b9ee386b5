using ChargeTwin.Cells;
using ChargeTwin.HilBench.Calibration;

namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// The truth of one draw of a spread campaign: what was drawn for it (null: taken from the file's matrix), and for
/// the plant the cell parameters applied to the cell file's set. The controller sees none of it — only the
/// measurements and its <c>ControllerContext</c>; the scenario carries it for metrics and the report.
/// </summary>
public sealed record SpreadDraw(int Index)
{
    public NamedAgeing? Ageing { get; init; }
    public double? Ambient_K { get; init; }
    public double? StartSoc { get; init; }

    /// <summary>Standard-normal scores of the voltage, current, temperature and pressure biases (null: the configured biases).</summary>
    public double[]? BiasScores { get; init; }

    /// <summary>The plant's parameters that differ from the cell file's (empty without <c>cell_parameters: covariance</c>).</summary>
    public IReadOnlyList<DrawnParameter> CellParameters { get; init; } = [];

    /// <summary>Cell-parameter draws the plant rejected before this one was accepted.</summary>
    public int Redraws { get; init; }

    /// <summary>Why no draw was accepted within the redraw limit (the scenario then ends in Error), or null.</summary>
    public string? Rejection { get; init; }

    /// <summary>The capacity of the drawn, aged cell between its voltage cut-offs at the reference temperature [Ah] (NaN if rejected).</summary>
    public double Capacity_Ah { get; init; } = double.NaN;

    /// <summary>The suite with this draw's biases: each channel's configured bias times its score.</summary>
    public SensorSuite Sensors(SensorSuite configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (BiasScores is not { } z)
        {
            return configured;
        }

        return configured with
        {
            Voltage = configured.Voltage with { Bias = configured.Voltage.Bias * z[0] },
            Current = configured.Current with { Bias = configured.Current.Bias * z[1] },
            Temperature = configured.Temperature with { Bias = configured.Temperature.Bias * z[2] },
            Pressure = configured.Pressure with { Bias = configured.Pressure.Bias * z[3] },
        };
    }

    /// <summary>
    /// The plant's parameter set: <paramref name="cell"/> with the drawn parameters applied the way the calibration
    /// applies its own (<see cref="CalibrationParameter.Apply"/>, which also knows the derived heat capacity).
    /// </summary>
    /// <exception cref="ArgumentException">The draw was rejected (<see cref="Rejection"/>).</exception>
    public ParameterSet Apply(ParameterSet cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (Rejection is { } why)
        {
            throw new ArgumentException(why);
        }

        return ApplyParameters(cell, CellParameters);
    }

    /// <summary>The part of the scenario's canonical text that its other fields do not already hold.</summary>
    public string Canonical() => $"cellp={string.Join('|', CellParameters.Select(p => p.Canonical()))}{(Rejection is null ? "" : ";rejected")}";

    internal static ParameterSet ApplyParameters(ParameterSet cell, IReadOnlyList<DrawnParameter> parameters)
    {
        var set = CalibrationBase.Expose(cell, parameters.Select(p => p.Name));
        foreach (var p in parameters)
        {
            set = CalibrationParameter.Create(p.Name, set, Finite(p.Fitted.Lower), Finite(p.Fitted.Upper), p.Fitted.Scale).Apply(set, p.Value);
        }

        return set;
    }

    private static double? Finite(double bound) => double.IsFinite(bound) ? bound : null;
}
