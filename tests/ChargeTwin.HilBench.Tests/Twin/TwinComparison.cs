using System.Diagnostics;
using System.Globalization;
using ChargeTwin.Cells;
using ChargeTwin.Controller.Twin.Model;
using ChargeTwin.HilBench.Plant;

namespace ChargeTwin.HilBench.Tests.Twin;

/// <summary>Errors of the twin against one plant trace: RMS and largest absolute difference of each output.</summary>
internal sealed record TwinComparison(
    PlantTrace Plant,
    int Samples,
    double VoltageRms_mV,
    double VoltageMax_mV,
    double TemperatureRms_K,
    double TemperatureMax_K,
    double PlatingRms_mV,
    double PlatingMax_mV,
    double ThicknessRms_um,
    double ThicknessMax_um,
    double SocMax,
    double PlantOnset_s,
    double TwinOnset_s,
    double StepCost_us)
{
    /// <summary>
    /// Runs the twin from the plant's initial SOC and ambient with the plant's current, one 1 s step per sample, and
    /// compares its outputs (evaluated with the current flowing) with each plant sample.
    /// </summary>
    public static TwinComparison Run(PlantTrace plant, ReducedModelOptions? options = null, double dt_s = 1.0)
    {
        var model = new ReducedCellModel(new TwinParameters(CellLibrary.Load(plant.Cell)), options);
        var state = new double[model.Layout.StateCount];
        model.Initialise(state, PlantTrace.StartSoc, plant.Ambient_K);
        var acc = new Accumulator();
        var clock = Stopwatch.StartNew();
        var steps = 0;
        var time = 0.0;
        foreach (var s in plant.Samples)
        {
            while (time < s.Time_s - 1e-9)
            {
                model.Step(state, plant.Current_A, plant.Ambient_K, dt_s, state);
                time += dt_s;
                steps++;
            }

            if (Math.Abs(time - s.Time_s) > 1e-9)
            {
                continue;
            }

            model.Evaluate(state, plant.Current_A, plant.Ambient_K, out var o);
            acc.Add(o, s);
        }

        var cost = clock.Elapsed.TotalMicroseconds / Math.Max(steps, 1);
        return acc.Result(plant, cost);
    }

    public static string Header =>
        "| cell | charge | ambient | samples | V RMS / max [mV] | T RMS / max [K] | η_Li RMS / max [mV] | Δthickness RMS / max [µm] | SOC max err | η_Li < 0 from (plant / twin) [s] |";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Plant.Cell} | {Plant.CRate:0.#}C | {Plant.Ambient_C:0} °C | {Samples} | {VoltageRms_mV:F1} / {VoltageMax_mV:F1} | {TemperatureRms_K:F2} / {TemperatureMax_K:F2} | {PlatingRms_mV:F1} / {PlatingMax_mV:F1} | {ThicknessRms_um:F2} / {ThicknessMax_um:F2} | {SocMax:F4} | {Onset(PlantOnset_s)} / {Onset(TwinOnset_s)} |");

    private static string Onset(double t) => double.IsNaN(t) ? "–" : t.ToString("F0", CultureInfo.InvariantCulture);

    private sealed class Accumulator
    {
        private double _v2, _vMax, _t2, _tMax, _p2, _pMax, _h2, _hMax, _socMax, _plantOnset = double.NaN, _twinOnset = double.NaN;
        private int _n;

        public void Add(in TwinOutputs o, in PlantSample s)
        {
            _n++;
            Track(1e3 * (o.Voltage_V - s.Voltage_V), ref _v2, ref _vMax);
            Track(o.SurfaceTemperature_K - s.Temperature_K, ref _t2, ref _tMax);
            Track(1e3 * (o.PlatingOverpotential_V - s.PlatingOverpotential_V), ref _p2, ref _pMax);
            Track(1e6 * (o.ThicknessChange_m - s.ThicknessChange_m), ref _h2, ref _hMax);
            _socMax = Math.Max(_socMax, Math.Abs(o.StateOfCharge - s.StateOfCharge));
            if (double.IsNaN(_plantOnset) && s.PlatingOverpotential_V < 0)
            {
                _plantOnset = s.Time_s;
            }

            if (double.IsNaN(_twinOnset) && o.PlatingOverpotential_V < 0)
            {
                _twinOnset = s.Time_s;
            }
        }

        public TwinComparison Result(PlantTrace plant, double cost) => new(
            plant, _n, Rms(_v2), _vMax, Rms(_t2), _tMax, Rms(_p2), _pMax, Rms(_h2), _hMax, _socMax, _plantOnset, _twinOnset, cost);

        private double Rms(double sum) => Math.Sqrt(sum / Math.Max(_n, 1));

        private static void Track(double error, ref double squares, ref double max)
        {
            squares += error * error;
            max = Math.Max(max, Math.Abs(error));
        }
    }
}
