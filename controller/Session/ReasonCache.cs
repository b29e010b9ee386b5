using System.Runtime.CompilerServices;

namespace ChargeTwin.Controller.Session;

/// <summary>
/// The setpoint's reason, "state: cause", built once per (state, cause string) and then reused, so a period whose
/// cause is one it has seen allocates nothing. Causes are compared by reference (the inner controllers' and the
/// monitor's reasons are preformatted strings); should a controller format a fresh reason every period, the cache
/// is cleared at its bound rather than growing.
/// </summary>
internal sealed class ReasonCache
{
    private const int Bound = 256;
    private readonly string[] _prefixes;
    private readonly Dictionary<(SessionState State, string Cause), string> _texts = new(new ByReference());

    public ReasonCache(string[] prefixesByState) => _prefixes = prefixesByState;

    public string For(SessionState state, string cause)
    {
        if (_texts.TryGetValue((state, cause), out var text))
        {
            return text;
        }

        if (_texts.Count >= Bound)
        {
            _texts.Clear();
        }

        text = cause.Length == 0 ? _prefixes[(int)state] : _prefixes[(int)state] + ": " + cause;
        _texts.Add((state, cause), text);
        return text;
    }

    private sealed class ByReference : IEqualityComparer<(SessionState State, string Cause)>
    {
        public bool Equals((SessionState State, string Cause) x, (SessionState State, string Cause) y) => x.State == y.State && ReferenceEquals(x.Cause, y.Cause);

        public int GetHashCode((SessionState State, string Cause) obj) => HashCode.Combine(obj.State, RuntimeHelpers.GetHashCode(obj.Cause));
    }
}
