namespace ChargeTwin.Controller.Twin.Model;

/// <summary>
/// Where things are in the twin's state vector. In order: the negative particles' shell stoichiometries (volume by
/// volume, centre to surface), the positive particle's shell stoichiometries, the electrolyte concentrations
/// relative to the initial concentration (c_e/c_e,0, x-volume by x-volume from the negative collector), the core and
/// surface temperatures [K], then the parameter block: random-walk corrections relative to the cell file that the
/// filter estimates (0 = nominal). Every entry is O(1) apart from the temperatures and the resistance offset [Ω].
/// </summary>
public sealed class TwinLayout
{
    internal TwinLayout(ReducedModelOptions o)
    {
        NegativeVolumes = o.NegativeVolumes;
        NegativeShells = o.NegativeShells;
        PositiveShells = o.PositiveShells;
        ElectrolyteVolumes = o.NegativeVolumes + o.SeparatorVolumes + o.PositiveVolumes;
        NegativeParticleStart = 0;
        PositiveParticleStart = NegativeVolumes * NegativeShells;
        ElectrolyteStart = PositiveParticleStart + PositiveShells;
        CoreTemperature = ElectrolyteStart + ElectrolyteVolumes;
        SurfaceTemperature = CoreTemperature + 1;
        ParameterStart = SurfaceTemperature + 1;
        var p = ParameterStart;
        LnNegativeActiveScale = p++;
        LnPositiveActiveScale = p++;
        SeriesResistanceOffset_Ohm = p++;
        LnNegativeKineticScale = p++;
        LnPositiveKineticScale = p++;
        LnNegativeDiffusivityScale = p++;
        LnPositiveDiffusivityScale = p++;
        LnHeatCapacityScale = p++;
        LnHeatTransferScale = p++;
        ParameterCount = p - ParameterStart;
        StateCount = p;
    }

    public int StateCount { get; }
    public int ParameterStart { get; }
    public int ParameterCount { get; }

    /// <summary>ln(ε_s,n / ε_s,n nominal): LAM_n = 1 − exp(u).</summary>
    public int LnNegativeActiveScale { get; }

    /// <summary>ln(ε_s,p / ε_s,p nominal): LAM_p = 1 − exp(u).</summary>
    public int LnPositiveActiveScale { get; }

    /// <summary>Added to the contact resistance [Ω] (resistance growth).</summary>
    public int SeriesResistanceOffset_Ohm { get; }

    /// <summary>ln scale of the negative exchange-current density.</summary>
    public int LnNegativeKineticScale { get; }

    /// <summary>ln scale of the positive exchange-current density.</summary>
    public int LnPositiveKineticScale { get; }

    /// <summary>ln scale of the negative particle diffusivity.</summary>
    public int LnNegativeDiffusivityScale { get; }

    /// <summary>ln scale of the positive particle diffusivity.</summary>
    public int LnPositiveDiffusivityScale { get; }

    /// <summary>ln scale of the cell's heat capacity (both nodes).</summary>
    public int LnHeatCapacityScale { get; }

    /// <summary>ln scale of the heat transfer to ambient, h·A.</summary>
    public int LnHeatTransferScale { get; }

    /// <summary>Core (jelly-roll) temperature [K]: the electrochemistry's temperature.</summary>
    public int CoreTemperature { get; }

    /// <summary>Surface (can) temperature [K]: what a thermocouple reads. Equal to the core in the lumped limit.</summary>
    public int SurfaceTemperature { get; }

    public int NegativeVolumes { get; }
    public int NegativeShells { get; }
    public int PositiveShells { get; }
    public int ElectrolyteVolumes { get; }
    public int NegativeParticleStart { get; }
    public int PositiveParticleStart { get; }
    public int ElectrolyteStart { get; }

    /// <summary>Index of shell <paramref name="shell"/> (0 = centre) of negative volume <paramref name="volume"/>'s particle.</summary>
    public int NegativeShell(int volume, int shell) => NegativeParticleStart + (volume * NegativeShells) + shell;
}
