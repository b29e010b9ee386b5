using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// Injected plant faults. An internal short is a conductance G between the electrodes inside the cell: its current
/// I_sh = G·V_stack (V_stack the positive collector's potential over the negative's, i.e. the terminal voltage without
/// the contact-resistance drop) is an algebraic border unknown, and the electrodes carry I − I_sh, where I, the terminal
/// current, stays the unknown the power stage and the operating modes act on. Everything that used the terminal current
/// for the current through the electrodes — the solid current at the positive collector, the SEI film's average current
/// density — uses <see cref="ElectrochemicalCurrent"/>, and each of their Jacobian entries in the terminal current's
/// column has its negative in the short's column (<see cref="AddElectrochemicalCurrent"/>). The heat balance gains
/// I_sh·V_stack = G·V_stack² (DfnModel.Heat.cs). Cooling failure and self-heating act there too.
/// </summary>
public sealed partial class DfnModel
{
    private PlantFaultState _faults = PlantFaultState.None;

    /// <summary>The plant faults in force.</summary>
    public PlantFaultState Faults => _faults;

    /// <summary>
    /// Sets the plant faults from now on. A simulator must then make its algebraic state consistent
    /// (<see cref="CellSimulator.SetFaults"/> does).
    /// </summary>
    public void SetFaults(in PlantFaultState faults)
    {
        if (faults.ShortConductance_S != 0 && Indices.ShortCurrent < 0)
        {
            throw new InvalidOperationException("this plant was built without an internal short (ModelOptions.InternalShort)");
        }

        if (!(faults.ShortConductance_S >= 0) || !(faults.CoolingFraction >= 0) || !(faults.SelfHeatingPower_W >= 0) || !(faults.SelfHeatingReference_K > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(faults), faults, "fault parameters must be ≥ 0 (the reference temperature > 0 K)");
        }

        _faults = faults;
    }

    /// <summary>The positive collector's potential over the negative's (φ_s extrapolated to the collector; φ_s = 0 at the negative) [V].</summary>
    private double StackVoltage(ReadOnlySpan<double> y)
    {
        var last = Indices.SolidPotential[Mesh.Volumes - 1];
        var prev = Indices.SolidPotential[Mesh.Volumes - 2];
        return 1.5 * y[last] - 0.5 * y[prev];
    }

    /// <summary>The current through the electrodes [A, charge positive]: the terminal current less the internal short's.</summary>
    private double ElectrochemicalCurrent(ReadOnlySpan<double> y) =>
        Indices.ShortCurrent < 0 ? y[Indices.Current] : y[Indices.Current] - y[Indices.ShortCurrent];

    /// <summary>Adds ∂(row)/∂(electrochemical current) = <paramref name="value"/>: to the terminal current's column, and its negative to the short's.</summary>
    private void AddElectrochemicalCurrent(BorderedBandMatrix jacobian, int row, double value)
    {
        jacobian.Add(row, Indices.Current, value);
        if (Indices.ShortCurrent >= 0)
        {
            jacobian.Add(row, Indices.ShortCurrent, -value);
        }
    }

    /// <summary>The short's row, I_sh − G·V_stack.</summary>
    private void ShortJacobian(BorderedBandMatrix jacobian)
    {
        var row = Indices.ShortCurrent;
        if (row < 0)
        {
            return;
        }

        var g = _faults.ShortConductance_S;
        jacobian.Add(row, row, 1);
        jacobian.Add(row, Indices.SolidPotential[Mesh.Volumes - 1], -1.5 * g);
        jacobian.Add(row, Indices.SolidPotential[Mesh.Volumes - 2], 0.5 * g);
    }

    /// <summary>The extra heat of an accelerated self-heating fault [W] and its derivative by T [W/K]: P_ref exp(E_a/R (1/T_ref − 1/T)).</summary>
    private double SelfHeating_W(double temperature_K, out double dHeat_dT)
    {
        var f = _faults;
        if (f.SelfHeatingPower_W == 0)
        {
            dHeat_dT = 0;
            return 0;
        }

        var ratio = f.SelfHeatingActivation_JPerMol / PhysicalConstants.GasConstant;
        var heat = f.SelfHeatingPower_W * Math.Exp(ratio * ((1 / f.SelfHeatingReference_K) - (1 / temperature_K)));
        dHeat_dT = heat * ratio / (temperature_K * temperature_K);
        return heat;
    }
}
