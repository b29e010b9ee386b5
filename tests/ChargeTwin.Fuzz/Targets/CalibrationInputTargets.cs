using System.Text;
using ChargeTwin.HilBench.Calibration;
using ChargeTwin.HilBench.Validation;

namespace ChargeTwin.Fuzz.Targets;

/// <summary>The calibration's own inputs: the LG M50 pulse file's layout (<see cref="PulseTestReader"/>) and a priors file (<see cref="PriorFileReader"/>).</summary>
internal static class CalibrationInputTargets
{
    public const string PulseFile = "fuzz-pulses.csv";
    public const string PriorsFile = "fuzz-priors.yaml";

    public static string Pulses(ReadOnlySpan<byte> data)
    {
        try
        {
            using var reader = new StringReader(Encoding.UTF8.GetString(data));
            var pulses = PulseTestReader.Read(reader, PulseFile);
            return Outcome.Ok($"{pulses.Count} pulses, {pulses.Sum(p => p.Test.Time_s.Length)} points");
        }
        catch (MeasuredDataException e)
        {
            return Outcome.Refused(e, PulseFile);
        }
    }

    public static string Priors(ReadOnlySpan<byte> data)
    {
        try
        {
            var priors = PriorFileReader.Parse(Encoding.UTF8.GetString(data), PriorsFile);
            return Outcome.Ok($"{priors.Count} priors");
        }
        catch (CalibrationInputException e)
        {
            return Outcome.Refused(e, PriorsFile);
        }
    }
}
