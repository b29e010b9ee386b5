namespace ChargeTwin.Tests.Shared;

/// <summary>
/// Seeded byte-level mutations of a valid document — replace, insert or delete a character, or duplicate a run — the
/// regression net every config reader's tests share until a coverage-guided fuzzer runs over them (issue 29).
/// Linked into the test projects that read configuration files.
/// </summary>
internal static class SeededMutations
{
    public static IEnumerable<string> Of(string valid, int seed, int count, string alphabet)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var chars = valid.ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(4))
                {
                    case 0: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    case 2: chars.RemoveAt(at); break;
                    default: chars.InsertRange(at, chars.Skip(at).Take(random.Next(1, 12)).ToList()); break;
                }
            }

            yield return new string([.. chars]);
        }
    }
}
