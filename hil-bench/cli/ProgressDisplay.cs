using Spectre.Console;

namespace ChargeTwin.Bench;

/// <summary>
/// Progress of a long job: Spectre.Console's live progress bar on a terminal, plain lines (one per
/// finished unit of work) when output is redirected, as in CI.
/// </summary>
public static class ProgressDisplay
{
    /// <summary>
    /// Runs <paramref name="work"/>, which reports progress by calling its argument with the
    /// 0-based unit now under way and a status text.
    /// </summary>
    public static T Run<T>(string title, int totalUnits, Func<Action<int, string>, T> work)
    {
        var total = Math.Max(totalUnits, 1);
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            Console.WriteLine(title);
            var lastUnit = -1;
            var lastText = "";
            var result = work((unit, text) =>
            {
                if (unit != lastUnit && lastUnit >= 0)
                {
                    Console.WriteLine($"  done: {lastText}");
                }

                lastUnit = unit;
                lastText = text;
            });
            if (lastUnit >= 0)
            {
                Console.WriteLine($"  done: {lastText}");
            }

            return result;
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: total);
                var result = work((unit, text) =>
                {
                    task.Value = unit;
                    task.Description = Markup.Escape(text);
                });
                task.Value = total;
                return result;
            });
    }
}
