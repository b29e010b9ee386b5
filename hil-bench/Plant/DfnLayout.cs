using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Plant;

/// <summary>
/// Where each unknown of the DFN lives in the state vector. Unknowns are ordered by x-volume —
/// that volume's particle shells, its plating and SEI states (negative electrode), then c_e, φ_e
/// and φ_s — so the Jacobian is banded; temperature, terminal current and (with an internal
/// short) the short's current are the border unknowns at the end.
/// </summary>
public sealed class DfnLayout
{
    public DfnLayout(DfnMesh mesh, ModelOptions options)
    {
        var n = mesh.Volumes;
        ParticleStart = new int[n];
        PlatedLithium = new int[n];
        DeadLithium = new int[n];
        SeiThickness = new int[n];
        ElectrolyteConcentration = new int[n];
        ElectrolytePotential = new int[n];
        SolidPotential = new int[n];
        HasPlating = options.Plating != PlatingModel.None;
        HasSei = options.Sei != SeiModel.None;
        var next = 0;
        for (var m = 0; m < n; m++)
        {
            ParticleStart[m] = PlatedLithium[m] = DeadLithium[m] = SeiThickness[m] = SolidPotential[m] = -1;
            var region = mesh.Region[m];
            if (region != CellRegion.Separator)
            {
                ParticleStart[m] = next;
                next += mesh.Particle(m).Shells;
            }

            if (region == CellRegion.Negative && HasPlating)
            {
                PlatedLithium[m] = next++;
                DeadLithium[m] = next++;
            }

            if (region == CellRegion.Negative && HasSei)
            {
                SeiThickness[m] = next++;
            }

            ElectrolyteConcentration[m] = next++;
            ElectrolytePotential[m] = next++;
            if (region != CellRegion.Separator)
            {
                SolidPotential[m] = next++;
            }
        }

        BandSize = next;
        Temperature = next++;
        Current = next++;
        ShortCurrent = options.InternalShort ? next++ : -1;
        Size = next;

        IsDifferential = new bool[Size];
        for (var m = 0; m < n; m++)
        {
            if (ParticleStart[m] >= 0)
            {
                for (var k = 0; k < mesh.Particle(m).Shells; k++)
                {
                    IsDifferential[ParticleStart[m] + k] = true;
                }
            }

            if (PlatedLithium[m] >= 0)
            {
                IsDifferential[PlatedLithium[m]] = true;
                IsDifferential[DeadLithium[m]] = true;
            }

            if (SeiThickness[m] >= 0)
            {
                IsDifferential[SeiThickness[m]] = true;
            }

            IsDifferential[ElectrolyteConcentration[m]] = true;
        }

        IsDifferential[Temperature] = options.Thermal != ThermalModel.Isothermal;

        // Bandwidth from the couplings the Jacobian writes: neighbours couple through c_e, φ_e, φ_s;
        // inside a volume, the surface shell and the plating/SEI states couple to c_e, φ_e, φ_s.
        int lower = 0, upper = 0;
        void Reach(int row, int col)
        {
            if (row < 0 || col < 0)
            {
                return;
            }

            upper = Math.Max(upper, col - row);
            lower = Math.Max(lower, row - col);
        }

        for (var m = 0; m < n; m++)
        {
            var first = ParticleStart[m] >= 0 ? ParticleStart[m] : ElectrolyteConcentration[m];
            var last = SolidPotential[m] >= 0 ? SolidPotential[m] : ElectrolytePotential[m];
            var surface = ParticleStart[m] >= 0 ? ParticleStart[m] + mesh.Particle(m).Shells - 1 : -1;
            Reach(surface, last);
            Reach(last, surface - 1);
            Reach(first, first);
            if (m + 1 < n)
            {
                foreach (var row in new[] { ElectrolyteConcentration[m], ElectrolytePotential[m] })
                {
                    Reach(row, ElectrolyteConcentration[m + 1]);
                    Reach(row, ElectrolytePotential[m + 1]);
                }

                foreach (var row in new[] { ElectrolyteConcentration[m + 1], ElectrolytePotential[m + 1] })
                {
                    Reach(row, ElectrolyteConcentration[m]);
                    Reach(row, ElectrolytePotential[m]);
                }

                if (SolidPotential[m] >= 0 && SolidPotential[m + 1] >= 0)
                {
                    Reach(SolidPotential[m], SolidPotential[m + 1]);
                    Reach(SolidPotential[m + 1], SolidPotential[m]);
                }
            }
        }

        Jacobian = new JacobianLayout(Size, BandSize, lower, upper);
    }

    public int Size { get; }
    public int BandSize { get; }
    public JacobianLayout Jacobian { get; }
    public bool HasPlating { get; }
    public bool HasSei { get; }
    public bool[] IsDifferential { get; }

    /// <summary>Index of shell 0 (centre) of the volume's particle, −1 in the separator.</summary>
    public int[] ParticleStart { get; }

    public int[] PlatedLithium { get; }
    public int[] DeadLithium { get; }
    public int[] SeiThickness { get; }
    public int[] ElectrolyteConcentration { get; }
    public int[] ElectrolytePotential { get; }
    public int[] SolidPotential { get; }
    public int Temperature { get; }

    /// <summary>Terminal current [A], charge positive.</summary>
    public int Current { get; }

    /// <summary>
    /// The internal short's current [A] (from the positive to the negative electrode inside the cell, positive while it
    /// discharges the cell), a border unknown; −1 when the plant has no short (<see cref="ModelOptions.InternalShort"/>).
    /// </summary>
    public int ShortCurrent { get; }
}
