namespace ChargeTwin.HilBench.Reporting;

/// <summary>What the report says about the run beside the verdicts.</summary>
public sealed record ReportRunInfo(int ScenarioCount, int TotalScenarios, string ShardText, int Jobs, double Elapsed_s, double ScenariosPerSecond);
