using System.Globalization;
using System.Text.RegularExpressions;

namespace ChargeTwin.Controller.Experiments;

/// <summary>
/// Parses PyBaMM-style experiment steps:
/// <c>(Charge|Discharge) at &lt;1C | C/3 | 5 A | 500 mA | 10 W&gt;</c>, <c>Hold at 4.2 V</c>, <c>Rest</c>,
/// each followed by <c>for &lt;duration&gt;</c> and/or <c>[or] until &lt;condition&gt; [or &lt;condition&gt;]</c>,
/// where a condition is a voltage (4.2 V, 4200 mV) or, in a hold, a current (50 mA, C/20).
/// </summary>
public static partial class ExperimentParser
{
    /// <summary>Parses several steps; a text may also hold several steps separated by ';' or new lines.</summary>
    public static IReadOnlyList<ExperimentStep> Parse(IEnumerable<string> texts)
    {
        var steps = new List<ExperimentStep>();
        foreach (var text in texts)
        {
            foreach (var part in text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                steps.Add(ParseStep(part));
            }
        }

        if (steps.Count == 0)
        {
            throw new ExperimentParseException("", "the experiment has no steps");
        }

        return steps;
    }

    public static ExperimentStep ParseStep(string text)
    {
        var original = text.Trim();
        var s = WhiteSpace().Replace(original.ToLowerInvariant(), " ");
        if (s.Length == 0)
        {
            throw new ExperimentParseException(original, "empty step");
        }

        string? untilPart = null;
        var until = s.IndexOf(" until ", StringComparison.Ordinal);
        if (until >= 0)
        {
            untilPart = s[(until + 7)..].Trim();
            s = s[..until].Trim();
            if (s.EndsWith(" or", StringComparison.Ordinal))
            {
                s = s[..^3].Trim();
            }
        }

        string? forPart = null;
        var forIndex = s.IndexOf(" for ", StringComparison.Ordinal);
        if (forIndex >= 0)
        {
            forPart = s[(forIndex + 5)..].Trim();
            s = s[..forIndex].Trim();
        }
        else if (s.StartsWith("rest for ", StringComparison.Ordinal))
        {
            forPart = s[9..].Trim();
            s = "rest";
        }

        StepAction action;
        var quantity = StepQuantity.None;
        var magnitude = 0.0;
        if (s == "rest")
        {
            action = StepAction.Rest;
        }
        else if (s.StartsWith("charge at ", StringComparison.Ordinal) || s.StartsWith("discharge at ", StringComparison.Ordinal))
        {
            action = s[0] == 'c' ? StepAction.Charge : StepAction.Discharge;
            var value = s[(s.IndexOf(" at ", StringComparison.Ordinal) + 4)..];
            (quantity, magnitude) = ParseMagnitude(value, original);
            if (quantity == StepQuantity.Voltage)
            {
                throw new ExperimentParseException(original, $"'{value}' is a voltage; charge and discharge take a current, C-rate or power (use 'Hold at {value}')");
            }
        }
        else if (s.StartsWith("hold at ", StringComparison.Ordinal))
        {
            action = StepAction.Hold;
            var value = s[8..];
            (quantity, magnitude) = ParseMagnitude(value, original);
            if (quantity != StepQuantity.Voltage)
            {
                throw new ExperimentParseException(original, $"'Hold at' takes a voltage such as 4.2 V, not '{value}'");
            }
        }
        else
        {
            throw new ExperimentParseException(original, "expected 'Charge at …', 'Discharge at …', 'Hold at … V' or 'Rest'");
        }

        if (!(magnitude >= 0) || double.IsInfinity(magnitude))
        {
            throw new ExperimentParseException(original, "the magnitude must be a finite, non-negative number (the action gives the sign)");
        }

        double? duration = forPart is null ? null : ParseDuration(forPart, original);
        var conditions = new List<EndCondition>();
        if (untilPart is not null)
        {
            foreach (var c in untilPart.Split(" or ", StringSplitOptions.TrimEntries))
            {
                conditions.Add(ParseCondition(c, action, original));
            }
        }

        if (duration is null && conditions.Count == 0)
        {
            throw new ExperimentParseException(original, "a step needs 'for <duration>' or 'until <condition>'");
        }

        return new ExperimentStep(original, action, quantity, magnitude, duration, conditions);
    }

    private static (StepQuantity, double) ParseMagnitude(string value, string step)
    {
        var v = value.Replace(" ", "", StringComparison.Ordinal);
        var cOver = COverN().Match(v);
        if (cOver.Success)
        {
            var den = Number(cOver.Groups[1].Value, step);
            if (!(den > 0))
            {
                throw new ExperimentParseException(step, $"'{value}': the C-rate divisor must be positive");
            }

            return (StepQuantity.CRate, 1 / den);
        }

        var m = NumberWithUnit().Match(v);
        if (!m.Success)
        {
            throw new ExperimentParseException(step, $"cannot read '{value}' (expected e.g. 1C, C/3, 5 A, 500 mA, 10 W, 4.2 V)");
        }

        var x = Number(m.Groups[1].Value, step);
        return m.Groups[2].Value switch
        {
            "c" => (StepQuantity.CRate, x),
            "a" => (StepQuantity.Current, x),
            "ma" => (StepQuantity.Current, x / 1000),
            "w" => (StepQuantity.Power, x),
            "mw" => (StepQuantity.Power, x / 1000),
            "kw" => (StepQuantity.Power, x * 1000),
            "v" => (StepQuantity.Voltage, x),
            "mv" => (StepQuantity.Voltage, x / 1000),
            var unit => throw new ExperimentParseException(step, $"unknown unit '{unit}' in '{value}'"),
        };
    }

    private static double ParseDuration(string text, string step)
    {
        var m = DurationPattern().Match(text.Replace(" ", "", StringComparison.Ordinal));
        if (!m.Success)
        {
            throw new ExperimentParseException(step, $"cannot read the duration '{text}' (expected e.g. 30 s, 10 minutes, 1 hour)");
        }

        var x = Number(m.Groups[1].Value, step);
        var unit = m.Groups[2].Value;
        var seconds = unit.StartsWith('h') ? x * 3600 : unit.StartsWith('m') ? x * 60 : x;
        if (!(seconds > 0) || double.IsInfinity(seconds))
        {
            throw new ExperimentParseException(step, $"the duration '{text}' must be positive");
        }

        return seconds;
    }

    private static EndCondition ParseCondition(string text, StepAction action, string step)
    {
        var (quantity, value) = ParseMagnitude(text, step);
        switch (quantity)
        {
            case StepQuantity.Voltage when action == StepAction.Charge:
                return new EndCondition(EndConditionKind.VoltageAbove, value);
            case StepQuantity.Voltage when action == StepAction.Discharge:
                return new EndCondition(EndConditionKind.VoltageBelow, value);
            case StepQuantity.Current when action == StepAction.Hold:
                return new EndCondition(EndConditionKind.CurrentBelow, value);
            case StepQuantity.CRate when action == StepAction.Hold:
                return new EndCondition(EndConditionKind.CRateBelow, value);
            case StepQuantity.Voltage:
                throw new ExperimentParseException(step, $"a voltage end condition ('{text}') needs a charge or discharge step");
            case StepQuantity.Current or StepQuantity.CRate:
                throw new ExperimentParseException(step, $"a current end condition ('{text}') needs a 'Hold at … V' step");
            default:
                throw new ExperimentParseException(step, $"'{text}' is not an end condition (use a voltage, or a current in a hold)");
        }
    }

    private static double Number(string text, string step) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ExperimentParseException(step, $"'{text}' is not a number");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^c/([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)$")]
    private static partial Regex COverN();

    [GeneratedRegex(@"^([+-]?[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)(c|a|ma|w|mw|kw|v|mv)$")]
    private static partial Regex NumberWithUnit();

    [GeneratedRegex(@"^([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours)$")]
    private static partial Regex DurationPattern();
}
