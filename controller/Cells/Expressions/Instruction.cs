namespace ChargeTwin.Cells;

/// <summary>
/// One step of a compiled function: computes slot (argument count + its index) from slots A and B or
/// the constant K (K2: ln K for ReversePowerK). For Table, B indexes the program's tables.
/// The masks say which arguments the operands and the result depend on (bit i = argument i), so the
/// gradient pass touches only the components that can be non-zero.
/// </summary>
internal readonly record struct Instruction(OpCode Op, int A, int B, double K, double K2, uint MaskA, uint MaskB, uint Mask);
