namespace ChargeTwin.Cells;

/// <summary>
/// A compiled function: a flat list of instructions over slots (the arguments first, then one slot per
/// instruction), evaluated either for the value alone or for the value and its exact gradient with
/// respect to every argument (forward-mode automatic differentiation: each slot carries its value and
/// its partial derivatives). Scratch space lives on the stack, so evaluation does not allocate.
/// </summary>
internal sealed class FunctionProgram
{
    /// <summary>Programs needing more scratch than this (in doubles) use a per-thread buffer instead of the stack.</summary>
    private const int MaximumStackScratch = 2048;

    [ThreadStatic]
    private static double[]? t_scratch;

    private readonly Instruction[] _code;
    private readonly PiecewiseCubic[] _tables;
    private readonly int _argumentCount;
    private readonly int _resultSlot;
    private readonly uint _resultMask;
    private readonly bool _isConstant;
    private readonly double _constant;

    public FunctionProgram(int argumentCount, Instruction[] code, PiecewiseCubic[] tables, int resultSlot, uint resultMask)
    {
        _argumentCount = argumentCount;
        _code = code;
        _tables = tables;
        _resultSlot = resultSlot;
        _resultMask = resultMask;
    }

    private FunctionProgram(int argumentCount, double constant)
    {
        _argumentCount = argumentCount;
        _code = [];
        _tables = [];
        _isConstant = true;
        _constant = constant;
    }

    public int ArgumentCount => _argumentCount;

    /// <summary>Number of instructions (a measure of cost).</summary>
    public int Length => _code.Length;

    public bool IsConstant => _isConstant;

    public static FunctionProgram Constant(int argumentCount, double value) => new(argumentCount, value);

    public bool DependsOn(int argument) => argument >= 0 && argument < 32 && ((_resultMask >> argument) & 1) != 0;

    public double Evaluate(ReadOnlySpan<double> args)
    {
        if (_isConstant)
        {
            return _constant;
        }

        var n = _argumentCount;
        if (_code.Length == 0)
        {
            return args[_resultSlot];
        }

        var slots = n + _code.Length;
        var v = slots <= MaximumStackScratch ? stackalloc double[slots] : Scratch(slots);
        args[..n].CopyTo(v);
        var code = _code;
        for (var i = 0; i < code.Length; i++)
        {
            ref readonly var ins = ref code[i];
            var a = v[ins.A];
            double r;
            switch (ins.Op)
            {
                case OpCode.Add: r = a + v[ins.B]; break;
                case OpCode.Subtract: r = a - v[ins.B]; break;
                case OpCode.Multiply: r = a * v[ins.B]; break;
                case OpCode.Divide: r = a / v[ins.B]; break;
                case OpCode.Power: r = MathSemantics.Power(a, v[ins.B]); break;
                case OpCode.Min: { var b = v[ins.B]; r = b < a ? b : a; break; }
                case OpCode.Max: { var b = v[ins.B]; r = b > a ? b : a; break; }
                case OpCode.AddK: r = a + ins.K; break;
                case OpCode.MultiplyK: r = a * ins.K; break;
                case OpCode.DivideK: r = a / ins.K; break;
                case OpCode.ReverseSubtractK: r = ins.K - a; break;
                case OpCode.ReverseDivideK: r = ins.K / a; break;
                case OpCode.PowerK: r = MathSemantics.Power(a, ins.K); break;
                case OpCode.ReversePowerK: r = Math.Pow(ins.K, a); break;
                case OpCode.MinK: r = ins.K < a ? ins.K : a; break;
                case OpCode.MaxK: r = ins.K > a ? ins.K : a; break;
                case OpCode.Negate: r = -a; break;
                case OpCode.Exp: r = Math.Exp(a); break;
                case OpCode.Log: r = Math.Log(a); break;
                case OpCode.Log10: r = Math.Log10(a); break;
                case OpCode.Sqrt: r = Math.Sqrt(a); break;
                case OpCode.Tanh: r = Math.Tanh(a); break;
                case OpCode.Sinh: r = Math.Sinh(a); break;
                case OpCode.Cosh: r = Math.Cosh(a); break;
                case OpCode.Abs: r = Math.Abs(a); break;
                case OpCode.Table: r = _tables[ins.B].Evaluate(a); break;
                default: throw new InvalidOperationException($"bad opcode {ins.Op}");
            }

            v[n + i] = r;
        }

        return v[_resultSlot];
    }

    public double Evaluate(ReadOnlySpan<double> args, Span<double> gradient)
    {
        var n = _argumentCount;
        if (_isConstant)
        {
            gradient[..n].Clear();
            return _constant;
        }

        if (_code.Length == 0)
        {
            gradient[..n].Clear();
            gradient[_resultSlot] = 1;
            return args[_resultSlot];
        }

        var slots = n + _code.Length;
        var size = slots * (n + 1);
        var scratch = size <= MaximumStackScratch ? stackalloc double[size] : Scratch(size);
        var v = scratch[..slots];
        var g = scratch[slots..]; // g[slot * n + j] = ∂slot/∂args[j], written only where the slot depends on j
        args[..n].CopyTo(v);
        for (var j = 0; j < n; j++)
        {
            g[j * n + j] = 1;
        }

        var code = _code;
        for (var i = 0; i < code.Length; i++)
        {
            ref readonly var ins = ref code[i];
            var a = v[ins.A];
            double r, da, db = 0;
            switch (ins.Op)
            {
                case OpCode.Add: r = a + v[ins.B]; da = 1; db = 1; break;
                case OpCode.Subtract: r = a - v[ins.B]; da = 1; db = -1; break;
                case OpCode.Multiply: { var b = v[ins.B]; r = a * b; da = b; db = a; break; }
                case OpCode.Divide: { var b = v[ins.B]; r = a / b; da = 1 / b; db = -r / b; break; }
                case OpCode.Power:
                {
                    var b = v[ins.B];
                    r = MathSemantics.Power(a, b);
                    da = ins.MaskA != 0 ? b * Math.Pow(a, b - 1) : 0;
                    db = r * Math.Log(a);
                    break;
                }

                case OpCode.Min: { var b = v[ins.B]; var second = b < a; r = second ? b : a; da = second ? 0 : 1; db = second ? 1 : 0; break; }
                case OpCode.Max: { var b = v[ins.B]; var second = b > a; r = second ? b : a; da = second ? 0 : 1; db = second ? 1 : 0; break; }
                case OpCode.AddK: r = a + ins.K; da = 1; break;
                case OpCode.MultiplyK: r = a * ins.K; da = ins.K; break;
                case OpCode.DivideK: r = a / ins.K; da = 1 / ins.K; break;
                case OpCode.ReverseSubtractK: r = ins.K - a; da = -1; break;
                case OpCode.ReverseDivideK: r = ins.K / a; da = -r / a; break;
                case OpCode.PowerK:
                    r = MathSemantics.Power(a, ins.K);
                    da = MathSemantics.PowerSlope(a, ins.K, r);
                    break;
                case OpCode.ReversePowerK: r = Math.Pow(ins.K, a); da = r * ins.K2; break;
                case OpCode.MinK: r = ins.K < a ? ins.K : a; da = ins.K < a ? 0 : 1; break;
                case OpCode.MaxK: r = ins.K > a ? ins.K : a; da = ins.K > a ? 0 : 1; break;
                case OpCode.Negate: r = -a; da = -1; break;
                case OpCode.Exp: r = Math.Exp(a); da = r; break;
                case OpCode.Log: r = Math.Log(a); da = 1 / a; break;
                case OpCode.Log10: r = Math.Log10(a); da = 1 / (a * Math.Log(10)); break;
                case OpCode.Sqrt: r = Math.Sqrt(a); da = 0.5 / r; break;
                case OpCode.Tanh: r = Math.Tanh(a); da = 1 - r * r; break;
                case OpCode.Sinh: r = Math.Sinh(a); da = Math.Cosh(a); break;
                case OpCode.Cosh: r = Math.Cosh(a); da = Math.Sinh(a); break;
                case OpCode.Abs: r = Math.Abs(a); da = a > 0 ? 1 : a < 0 ? -1 : 0; break;
                case OpCode.Table: r = _tables[ins.B].Evaluate(a, out da); break;
                default: throw new InvalidOperationException($"bad opcode {ins.Op}");
            }

            var slot = n + i;
            v[slot] = r;
            var ga = ins.A * n;
            var gb = ins.B * n;
            var gr = slot * n;
            for (var j = 0; j < n; j++)
            {
                var bit = 1u << j;
                if ((ins.Mask & bit) == 0)
                {
                    continue;
                }

                var sum = 0.0;
                if ((ins.MaskA & bit) != 0)
                {
                    sum += da * g[ga + j];
                }

                if ((ins.MaskB & bit) != 0)
                {
                    sum += db * g[gb + j];
                }

                g[gr + j] = sum;
            }
        }

        var result = _resultSlot * n;
        for (var j = 0; j < n; j++)
        {
            gradient[j] = ((_resultMask >> j) & 1) != 0 ? g[result + j] : 0;
        }

        return v[_resultSlot];
    }

    private static Span<double> Scratch(int size)
    {
        var buffer = t_scratch;
        if (buffer is null || buffer.Length < size)
        {
            buffer = new double[Math.Max(size, 2 * (buffer?.Length ?? 0))];
            t_scratch = buffer;
        }

        var span = buffer.AsSpan(0, size);
        span.Clear();
        return span;
    }
}
