namespace ChargeTwin.HilBench.Campaigns;

/// <summary>
/// <see cref="BenchRandom"/> behind <see cref="Random"/>'s interface, for library code that takes a <see cref="Random"/>
/// (<c>ParameterUncertainty.SampleFitCoordinates</c>): every draw comes from the bench's own stream, so it is the same on
/// every runtime. A derived <see cref="Random"/> routes its other methods through <see cref="Sample"/>.
/// </summary>
public sealed class BenchRandomSource(BenchRandom random) : Random
{
    public override double NextDouble() => random.NextUniform();

    protected override double Sample() => random.NextUniform();
}
