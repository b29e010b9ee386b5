using ChargeTwin.Fuzz;
using SharpFuzz;

// chargetwin-fuzz list                      the harnesses
// chargetwin-fuzz seed can TICKS FILE       write a seed for the can harness: TICKS × 10 ms of nominal traffic
// chargetwin-fuzz TARGET afl                run under AFL++ (afl-fuzz … -- dotnet chargetwin-fuzz.dll TARGET afl)
// chargetwin-fuzz TARGET libfuzzer          run under libFuzzer through SharpFuzz's libfuzzer-dotnet driver
// chargetwin-fuzz TARGET FILE|FOLDER…       replay inputs: one line per input, its outcome; exit 1 on a finding
if (args.Length == 4 && args[0] == "seed" && args[1] == "can")
{
    File.WriteAllBytes(args[3], CanSeeds.NominalTraffic(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)));
    return 0;
}

if (args.Length == 1 && args[0] == "list")
{
    foreach (var t in FuzzTarget.All)
    {
        Console.WriteLine($"{t.Name,-12} {t.Reads}");
    }

    return 0;
}

if (args.Length < 2 || FuzzTarget.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: chargetwin-fuzz TARGET afl|libfuzzer|FILE…  (targets: {string.Join(", ", FuzzTarget.All.Select(t => t.Name))}) | list");
    return 2;
}

switch (args[1])
{
    case "afl":
        Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
    case "libfuzzer":
        Fuzzer.LibFuzzer.Run(data => target.Run(data));
        return 0;
}

var findings = 0;
foreach (var path in args.Skip(1).SelectMany<string, string>(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : [p]))
{
    try
    {
        Console.WriteLine($"{path}\t{target.Run(File.ReadAllBytes(path))}");
    }
    catch (Exception e)
    {
        findings++;
        Console.WriteLine($"{path}\tFINDING {e.GetType().FullName}: {e.Message.ReplaceLineEndings(" ")}");
        Console.Error.WriteLine(e);
    }
}

return findings == 0 ? 0 : 1;
