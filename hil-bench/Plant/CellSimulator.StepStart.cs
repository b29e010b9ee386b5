using System.Globalization;
using ChargeTwin.Controller.Experiments;
using ChargeTwin.HilBench.Numerics;

namespace ChargeTwin.HilBench.Plant;

/// <summary>The start of an experiment step, and what is in the way when the plant cannot start it.</summary>
public sealed partial class CellSimulator
{
    /// <summary>Smallest stage, as a fraction of the jump in the held quantity, of a start in stages.</summary>
    private const double SmallestStartStage = 1.0 / 4096;

    /// <summary>
    /// Holds a step's setpoint. When the integrator's initialisation does not converge on the jump from the present
    /// state (its damped Newton starts from the old algebraic state: a cold cell or a large jump), the setpoint is
    /// approached in stages at the same instant — the differential state (concentrations, temperature) stays as it
    /// is, so the state reached is the same consistent state. Throws <see cref="StepStartException"/> when no stage
    /// gets further, or when the setpoint is reached but already past one of the step's end conditions (a step that
    /// cannot run at all); the run ends there, and the simulator's state is the last stage reached.
    /// </summary>
    private void StartStep(int index, ExperimentStep step, OperatingMode mode, double setpoint, ReadOnlySpan<PlantEvent> events)
    {
        try
        {
            Hold(mode, setpoint, events);
            return;
        }
        catch (BdfSolverException e) when (e.Failure == BdfFailure.InitialConditionsFailed)
        {
            var before = Sample();
            var from = mode switch
            {
                OperatingMode.Current => before.Current_A,
                OperatingMode.Voltage => before.Voltage_V,
                _ => before.Current_A * before.Voltage_V,
            };
            var reached = HoldInStages(mode, from, setpoint, events);
            var there = Sample();
            var passed = PassedEnd(events, there);
            if (reached < 1)
            {
                throw new StepStartException(index, step, string.Create(CultureInfo.InvariantCulture,
                    $"no consistent state beyond {Held(mode, from + (reached * (setpoint - from)))} of its {Held(mode, setpoint)} {Where(before)}; the terminal voltage is {there.Voltage_V:F2} V there{passed}"), e);
            }

            if (passed.Length > 0)
            {
                throw new StepStartException(index, step, string.Create(CultureInfo.InvariantCulture,
                    $"at {Held(mode, setpoint)} the terminal voltage would jump at once from {before.Voltage_V:F2} V to {there.Voltage_V:F2} V {Where(before)}{passed}"), e);
            }
        }
    }

    /// <summary>Holds from + f·(to − from) for growing f up to 1, halving the stage after a failure; returns the f reached.</summary>
    private double HoldInStages(OperatingMode mode, double from, double to, ReadOnlySpan<PlantEvent> events)
    {
        var reached = 0.0;
        for (var stage = 0.25; reached < 1 && stage >= SmallestStartStage;)
        {
            var fraction = Math.Min(1, reached + stage);
            try
            {
                Hold(mode, from + (fraction * (to - from)), events);
                reached = fraction;
                stage *= 2;
            }
            catch (BdfSolverException e) when (e.Failure == BdfFailure.InitialConditionsFailed)
            {
                stage /= 2;
            }
        }

        return reached;
    }

    private static string Where(in PlantSample s) =>
        string.Create(CultureInfo.InvariantCulture, $"(cell at {s.Temperature_K - PhysicalConstants.ZeroCelsius_K:F1} °C, SOC {Math.Round(s.StateOfCharge * 100) + 0.0:F0} %)");

    /// <summary>", past the step's end at 4.2 V" for the first of the step's end conditions already met in <paramref name="s"/>, else "".</summary>
    private static string PassedEnd(ReadOnlySpan<PlantEvent> events, in PlantSample s)
    {
        foreach (var e in events)
        {
            var passed = e.Kind switch
            {
                PlantEventKind.VoltageAbove => s.Voltage_V >= e.Threshold,
                PlantEventKind.VoltageBelow => s.Voltage_V <= e.Threshold,
                PlantEventKind.CurrentMagnitudeBelow => Math.Abs(s.Current_A) <= e.Threshold,
                PlantEventKind.TemperatureAbove => s.Temperature_K >= e.Threshold,
                _ => false,
            };
            if (passed)
            {
                return e.Kind switch
                {
                    PlantEventKind.CurrentMagnitudeBelow => string.Create(CultureInfo.InvariantCulture, $", already below the step's end at {e.Threshold:0.###} A"),
                    PlantEventKind.TemperatureAbove => string.Create(CultureInfo.InvariantCulture, $", past the step's end at {e.Threshold - PhysicalConstants.ZeroCelsius_K:0.#} °C"),
                    _ => string.Create(CultureInfo.InvariantCulture, $", past the step's end at {e.Threshold:0.###} V"),
                };
            }
        }

        return "";
    }

    private static string Held(OperatingMode mode, double value) => mode switch
    {
        OperatingMode.Current => string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(value):0.##} A"),
        OperatingMode.Voltage => string.Create(CultureInfo.InvariantCulture, $"{value:0.###} V"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(value):0.##} W"),
    };
}
