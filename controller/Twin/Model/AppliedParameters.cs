namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// The cell file's values with the state's parameter block applied: loss of active material scales ε_s (and with it
/// the interfacial area a = 3ε_s/R, the solid conductivity σε_s^b and the capacity, porosity unchanged, as the plant's
/// ageing does), the kinetic and diffusivity scales multiply j₀ and D_s, the thermal scales C and hA.
/// </summary>
internal readonly struct AppliedParameters
{
    public AppliedParameters(TwinParameters p, TwinLayout layout, ReadOnlySpan<double> state)
    {
        var n = p.Negative;
        var q = p.Positive;
        NegativeActiveFraction = n.ActiveMaterialFraction * Math.Exp(state[layout.LnNegativeActiveScale]);
        PositiveActiveFraction = q.ActiveMaterialFraction * Math.Exp(state[layout.LnPositiveActiveScale]);
        NegativeAreaDensity_perM = 3 * NegativeActiveFraction / n.ParticleRadius_m;
        PositiveAreaDensity_perM = 3 * PositiveActiveFraction / q.ParticleRadius_m;
        NegativeConductivity_SPerM = n.Conductivity_SPerM * Math.Pow(NegativeActiveFraction, n.BruggemanElectrode);
        PositiveConductivity_SPerM = q.Conductivity_SPerM * Math.Pow(PositiveActiveFraction, q.BruggemanElectrode);
        NegativeSites_molPerM2 = NegativeActiveFraction * n.Thickness_m * n.MaxConcentration_molPerM3;
        PositiveSites_molPerM2 = PositiveActiveFraction * q.Thickness_m * q.MaxConcentration_molPerM3;
        SeriesResistance_Ohm = p.ContactResistance_Ohm + state[layout.SeriesResistanceOffset_Ohm];
        NegativeKineticScale = Math.Exp(state[layout.LnNegativeKineticScale]);
        PositiveKineticScale = Math.Exp(state[layout.LnPositiveKineticScale]);
        NegativeDiffusivityScale = Math.Exp(state[layout.LnNegativeDiffusivityScale]);
        PositiveDiffusivityScale = Math.Exp(state[layout.LnPositiveDiffusivityScale]);
        HeatCapacity_JPerK = p.HeatCapacity_JPerK * Math.Exp(state[layout.LnHeatCapacityScale]);
        HeatTransfer_WPerK = p.HeatTransfer_WPerK * Math.Exp(state[layout.LnHeatTransferScale]);
    }

    public double NegativeActiveFraction { get; }
    public double PositiveActiveFraction { get; }
    public double NegativeAreaDensity_perM { get; }
    public double PositiveAreaDensity_perM { get; }
    public double NegativeConductivity_SPerM { get; }
    public double PositiveConductivity_SPerM { get; }

    /// <summary>ε_s L c_max of the negative electrode [mol/m²]: its lithium sites.</summary>
    public double NegativeSites_molPerM2 { get; }

    public double PositiveSites_molPerM2 { get; }

    /// <summary>Contact resistance plus the estimated offset [Ω] (in the voltage and the heat).</summary>
    public double SeriesResistance_Ohm { get; }

    public double NegativeKineticScale { get; }
    public double PositiveKineticScale { get; }
    public double NegativeDiffusivityScale { get; }
    public double PositiveDiffusivityScale { get; }
    public double HeatCapacity_JPerK { get; }
    public double HeatTransfer_WPerK { get; }
}
