namespace ChargeTwin.Controller.Twin.Solver;

/// <summary>
/// Predicts the cell over the solver's horizon at one constant candidate current, from the estimator's present
/// state: the worst value of each constrained quantity over the horizon's checkpoints, with its σ.
/// </summary>
public interface IHorizonPredictor
{
    void Predict(double current_A, ref HorizonPrediction prediction);
}
