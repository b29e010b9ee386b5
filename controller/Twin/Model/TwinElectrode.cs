using ChargeTwin.Cells;

namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// What the twin needs of one porous electrode, read from a cell file by PyBaMM's names (nominal, fresh values;
/// the state's parameter block scales the active-material fraction, kinetics and diffusivity).
/// </summary>
public sealed class TwinElectrode
{
    internal TwinElectrode(ParameterSet set, bool negative)
    {
        var e = negative ? "Negative" : "Positive";
        var el = negative ? "negative" : "positive";
        Thickness_m = set.Scalar($"{e} electrode thickness [m]");
        Porosity = set.Scalar($"{e} electrode porosity");
        ActiveMaterialFraction = set.Scalar($"{e} electrode active material volume fraction");
        ParticleRadius_m = set.Scalar($"{e} particle radius [m]");
        MaxConcentration_molPerM3 = set.Scalar($"Maximum concentration in {el} electrode [mol.m-3]");
        InitialConcentration_molPerM3 = set.Scalar($"Initial concentration in {el} electrode [mol.m-3]");
        BruggemanElectrolyte = set.Scalar($"{e} electrode Bruggeman coefficient (electrolyte)");
        BruggemanElectrode = set.Scalar($"{e} electrode Bruggeman coefficient (electrode)");
        Conductivity_SPerM = set.Scalar($"{e} electrode conductivity [S.m-1]");
        OpenCircuitPotential = set.Function($"{e} electrode OCP [V]");
        EntropicChange = set.Contains($"{e} electrode OCP entropic change [V.K-1]") ? set.Function($"{e} electrode OCP entropic change [V.K-1]") : null;
        Diffusivity = set.Function($"{e} particle diffusivity [m2.s-1]");
        DiffusivityDependsOnStoichiometry = Diffusivity.DependsOn(0);
        ExchangeCurrentDensity = set.Function($"{e} electrode exchange-current density [A.m-2]");
        VolumeChange = set.Contains($"{e} electrode volume change") ? set.Function($"{e} electrode volume change") : null;
        Span<double> x = [InitialConcentration_molPerM3 / MaxConcentration_molPerM3];
        ReferenceVolumeChange = VolumeChange?.Evaluate(x) ?? 0.0;
        TransportEfficiency = Math.Pow(Porosity, BruggemanElectrolyte);
    }

    public double Thickness_m { get; }
    public double Porosity { get; }

    /// <summary>Nominal ε_s of the cell file.</summary>
    public double ActiveMaterialFraction { get; }

    public double ParticleRadius_m { get; }
    public double MaxConcentration_molPerM3 { get; }
    public double InitialConcentration_molPerM3 { get; }
    public double BruggemanElectrolyte { get; }
    public double BruggemanElectrode { get; }
    public double Conductivity_SPerM { get; }

    /// <summary>U(x) [V] at the reference temperature.</summary>
    public CellFunction OpenCircuitPotential { get; }

    /// <summary>∂U/∂T(x) [V/K], or null (zero).</summary>
    public CellFunction? EntropicChange { get; }

    /// <summary>D_s(x, T) [m²/s], Arrhenius factor included by the cell file.</summary>
    public CellFunction Diffusivity { get; }

    public bool DiffusivityDependsOnStoichiometry { get; }

    /// <summary>j₀(c_e, c_s, c_max, T) [A/m²].</summary>
    public CellFunction ExchangeCurrentDensity { get; }

    /// <summary>Particle volume change ΔV/V(x), or null.</summary>
    public CellFunction? VolumeChange { get; }

    /// <summary>ΔV/V at the cell file's initial stoichiometry: the zero of the thickness change, as the plant takes it.</summary>
    public double ReferenceVolumeChange { get; }

    /// <summary>Electrolyte transport efficiency ε^b.</summary>
    public double TransportEfficiency { get; }

    /// <summary>Lithium sites of the whole stoichiometry range per electrode area at nominal ε_s [mol/m²].</summary>
    public double NominalSites_molPerM2 => ActiveMaterialFraction * Thickness_m * MaxConcentration_molPerM3;
}
