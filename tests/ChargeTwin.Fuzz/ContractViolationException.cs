namespace ChargeTwin.Fuzz;

/// <summary>
/// A reader broke the harness contract in a way that is not an exception of its own making: it refused with its own
/// error type but not in one line naming the place, or it gave a result the harness finds inconsistent. Any other
/// exception a reader throws is left to escape as it is, so the fuzzer and the replay test see its type and stack.
/// </summary>
public sealed class ContractViolationException(string message) : Exception(message);
