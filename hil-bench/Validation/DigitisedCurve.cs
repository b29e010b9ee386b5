namespace ChargeTwin.HilBench.Validation;

/// <summary>A two-column digitised curve (x, y), e.g. voltage or temperature rise against time.</summary>
public sealed record DigitisedCurve(string Source, double[] X, double[] Y);
