using ChargeTwin.Controller.Twin.Solver;

namespace ChargeTwin.Controller.Tests.Twin.Solver;

public sealed class AdmissibleCurrentSolverTests
{
    /// <summary>A synthetic cell: η falls, T and V rise with the current; σ fixed per case; optionally NaN above a current.</summary>
    private sealed class SyntheticCell(double eta0, double etaSlope, double etaSigma, double t0, double tGain, double tSigma, double v0, double r, double vSigma, double nanAbove = double.PositiveInfinity) : IHorizonPredictor
    {
        public int Calls { get; private set; }

        public void Predict(double current_A, ref HorizonPrediction p)
        {
            Calls++;
            var nan = current_A > nanAbove ? double.NaN : 0;
            p.MinPlatingOverpotential_V = eta0 - etaSlope * current_A + nan;
            p.PlatingOverpotentialSigma_V = etaSigma;
            p.MaxCoreTemperature_K = t0 + tGain * current_A * current_A;
            p.CoreTemperatureSigma_K = tSigma;
            p.MaxVoltage_V = v0 + r * current_A;
            p.VoltageSigma_V = vSigma;
            p.MinElectrolyteFraction = 1 - (ElectrolyteDepletionPerAmpere * current_A);
        }

        /// <summary>Fractional electrolyte depletion per ampere over the horizon (0: none).</summary>
        public double ElectrolyteDepletionPerAmpere { get; init; }
    }

    private static readonly SolverLimits Limits = new(2, 0.003, 273.15 + 45, 4.2, 15, 5, 0.01, 12);

    [Fact]
    public void PlatingBinds_AtTheCurrentWhereTheMarginIsUsedUp()
    {
        // η − 2σ = 0.1 − 0.01 I − 0.01 ≥ 0.003 ⇔ I ≤ 8.7 A.
        var cell = new SyntheticCell(0.1, 0.01, 0.005, 298, 0.01, 0.1, 3.6, 0.01, 0.001);
        var d = new AdmissibleCurrentSolver(Limits).Solve(cell, 8, 1, 0);

        Assert.False(d.NothingAdmissible);
        Assert.Equal(BindingConstraint.Plating, d.Binding);
        Assert.InRange(d.Current_A, 8.7 - 0.01, 8.7);
        Assert.InRange(d.Slack, 0, 0.01 * 0.01);
        Assert.True(d.Evaluations <= Limits.MaxEvaluations);
    }

    [Fact]
    public void RampLimitsIncreases_ButNeverDecreases()
    {
        var cell = new SyntheticCell(1, 0.001, 0.001, 298, 0, 0, 3.6, 0.001, 0);
        var solver = new AdmissibleCurrentSolver(Limits);

        var up = solver.Solve(cell, 2, 1, 0);
        Assert.Equal(7, up.Current_A);
        Assert.Equal(BindingConstraint.Ramp, up.Binding);

        var top = solver.Solve(cell, 14, 1, 0);
        Assert.Equal(15, top.Current_A);
        Assert.Equal(BindingConstraint.CurrentLimit, top.Binding);

        // From 14 A to a cell that admits only 3 A: straight down, no ramp.
        var tight = new SyntheticCell(0.033, 0.01, 0, 298, 0, 0, 3.6, 0.001, 0);
        var down = solver.Solve(tight, 14, 1, 0);
        Assert.InRange(down.Current_A, 3 - 0.01, 3);
    }

    [Fact]
    public void NothingAdmissible_ReturnsZero_AndTheConstraintThatFailsAtRest()
    {
        var hot = new SyntheticCell(0.1, 0.01, 0, 273.15 + 46, 0, 0, 3.6, 0.01, 0);
        var d = new AdmissibleCurrentSolver(Limits).Solve(hot, 5, 1, 0);

        Assert.True(d.NothingAdmissible);
        Assert.Equal(0, d.Current_A);
        Assert.Equal(BindingConstraint.Temperature, d.Binding);
        Assert.True(d.Slack < 0);
    }

    [Fact]
    public void ElectrolyteFloor_Binds_WhenItDepletesFirst()
    {
        // c_e ≥ 10 %: 1 − 0.1 I ≥ 0.1 ⇔ I ≤ 9 A, tighter than the plating limit (9.7 A).
        var cell = new SyntheticCell(0.1, 0.01, 0, 298, 0, 0, 3.6, 0.001, 0) { ElectrolyteDepletionPerAmpere = 0.1 };
        var d = new AdmissibleCurrentSolver(Limits).Solve(cell, 15, 1, 0);

        Assert.Equal(BindingConstraint.Electrolyte, d.Binding);
        Assert.InRange(d.Current_A, 9 - 0.01, 9);
    }

    [Fact]
    public void PlatingEvidence_TightensTheMargin()
    {
        var cell = new SyntheticCell(0.1, 0.01, 0, 298, 0, 0, 3.6, 0.001, 0);
        var solver = new AdmissibleCurrentSolver(Limits);
        var relaxed = solver.Solve(cell, 15, 1, 0);
        var tightened = solver.Solve(cell, 15, 1, 0.02);

        Assert.InRange(relaxed.Current_A, 9.7 - 0.01, 9.7);
        Assert.InRange(tightened.Current_A, 7.7 - 0.01, 7.7);
    }

    [Fact]
    public void RandomStatesAndCovariances_NeverGiveNaN_ANegativeCurrent_OrOneAboveTheLimit_AndTheAnswerIsFeasible()
    {
        var random = new Random(20261203);
        double U(double a, double b) => a + (b - a) * random.NextDouble();
        var solver = new AdmissibleCurrentSolver(Limits);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var sigmaEta = random.Next(10) == 0 ? double.NaN : U(0, 0.05);
            var cell = new SyntheticCell(U(-0.05, 0.3), U(0, 0.05), sigmaEta, U(250, 330), U(0, 0.5), U(0, 5), U(2.5, 4.4), U(0, 0.05), U(0, 0.05),
                nanAbove: random.Next(5) == 0 ? U(0, 15) : double.PositiveInfinity);
            var previous = random.Next(8) switch { 0 => double.NaN, 1 => -3, 2 => 1e9, _ => U(0, 15) };
            var dt = random.Next(8) == 0 ? double.NaN : U(0, 5);
            var limit = random.Next(6) == 0 ? U(-1, 20) : double.PositiveInfinity;

            var d = solver.Solve(cell, previous, dt, random.Next(4) == 0 ? U(0, 0.05) : 0, limit);

            Assert.True(double.IsFinite(d.Current_A), $"trial {trial}: {d}");
            Assert.InRange(d.Current_A, 0, Math.Min(Limits.MaxCurrent_A, Math.Max(0, limit)));
            Assert.True(d.Evaluations <= Limits.MaxEvaluations + 1, $"trial {trial}: {d.Evaluations} evaluations");
            if (!d.NothingAdmissible && d.Current_A > 0)
            {
                var p = default(HorizonPrediction);
                cell.Predict(d.Current_A, ref p);
                Assert.False(double.IsNaN(p.MinPlatingOverpotential_V - p.PlatingOverpotentialSigma_V), $"trial {trial}: answered a current whose prediction is NaN");
                Assert.True(p.MinPlatingOverpotential_V - 2 * p.PlatingOverpotentialSigma_V >= 0.003 - 1e-12, $"trial {trial}: plating margin broken at {d}");
                Assert.True(p.MaxCoreTemperature_K + 2 * p.CoreTemperatureSigma_K <= Limits.MaxCoreTemperature_K + 1e-9, $"trial {trial}: temperature broken at {d}");
                Assert.True(p.MaxVoltage_V + 2 * p.VoltageSigma_V <= 4.2 + 1e-12, $"trial {trial}: voltage broken at {d}");
            }
        }
    }

    [Fact]
    public void Solve_AllocatesNothing()
    {
        var cell = new SyntheticCell(0.1, 0.01, 0.005, 298, 0.01, 0.1, 3.6, 0.01, 0.001);
        var solver = new AdmissibleCurrentSolver(Limits);
        solver.Solve(cell, 8, 1, 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 100_000; k++)
        {
            solver.Solve(cell, 8 + (k % 3), 1, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
