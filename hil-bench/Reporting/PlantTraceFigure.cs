using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>The standard figure of a plant trace: current, voltage, temperature, stack pressure, plating overpotential, plated lithium, SOC and the negative surface stoichiometry at the separator.</summary>
public static class PlantTraceFigure
{
    public static void Save(string path, string title, IReadOnlyList<PlantSample> samples)
    {
        var t = samples.Select(s => s.Time_s / 60).ToArray();
        double[] Col(Func<PlantSample, double> f) => samples.Select(f).ToArray();
        var panels = new List<Panel>
        {
            new("current [A] (charge +)", [new Series("current", t, Col(s => s.Current_A))]),
            new("voltage [V]", [new Series("terminal voltage", t, Col(s => s.Voltage_V))]),
            new("temperature [°C]", [new Series("cell", t, Col(s => s.Temperature_K - PhysicalConstants.ZeroCelsius_K))]),
            new("stack pressure [kPa]", [new Series("fixture", t, Col(s => s.StackPressure_Pa / 1000))]),
            new("plating overpotential [mV]",
            [
                new Series("at separator (truth)", t, Col(s => s.PlatingOverpotential_V * 1000)),
                new Series("0 V vs Li/Li+", [t[0], t[^1]], [0, 0], Dashed: true),
            ]),
            new("plated lithium [mAh]",
            [
                new Series("plated + dead (truth)", t, Col(s => (s.PlatedLithium_mol + s.DeadLithium_mol) * PhysicalConstants.Faraday / 3.6)),
                new Series("dead (truth)", t, Col(s => s.DeadLithium_mol * PhysicalConstants.Faraday / 3.6)),
            ]),
            new("SOC (truth) [%]", [new Series("SOC", t, Col(s => s.StateOfCharge * 100))]),
            new("negative surface stoichiometry", [new Series("at separator (truth)", t, Col(s => s.NegativeSurfaceStoichiometryAtSeparator))]),
        };
        PanelFigure.SavePng(path, title, "time [min]", panels);
    }
}
