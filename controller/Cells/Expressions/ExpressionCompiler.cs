namespace ChargeTwin.Cells;

/// <summary>
/// Compiles an expression tree into a <see cref="FunctionProgram"/>: constant sub-expressions (including
/// param() values) are folded, a node shared through a local definition is computed once, and an
/// operation with one constant operand becomes a K instruction.
/// </summary>
internal sealed class ExpressionCompiler
{
    private const int MaximumArguments = 32;

    private readonly int _argumentCount;
    private readonly Func<ParameterExpr, double> _parameterValue;
    private readonly List<Instruction> _code = [];
    private readonly List<PiecewiseCubic> _tables = [];
    private readonly Dictionary<Expr, Operand> _compiled = new(ReferenceEqualityComparer.Instance);

    private ExpressionCompiler(int argumentCount, Func<ParameterExpr, double> parameterValue)
    {
        _argumentCount = argumentCount;
        _parameterValue = parameterValue;
    }

    /// <param name="root">The expression.</param>
    /// <param name="argumentCount">Number of arguments of the function.</param>
    /// <param name="parameterValue">Value of param("name"); throws <see cref="ExpressionException"/> if there is none.</param>
    public static FunctionProgram Compile(Expr root, int argumentCount, Func<ParameterExpr, double> parameterValue)
    {
        if (argumentCount > MaximumArguments)
        {
            throw new ArgumentOutOfRangeException(nameof(argumentCount), argumentCount, $"at most {MaximumArguments} arguments");
        }

        var compiler = new ExpressionCompiler(argumentCount, parameterValue);
        var result = compiler.Emit(root);
        return result.IsConstant
            ? FunctionProgram.Constant(argumentCount, result.Value)
            : new FunctionProgram(argumentCount, [.. compiler._code], [.. compiler._tables], result.Slot, result.Mask);
    }

    private Operand Emit(Expr node)
    {
        if (_compiled.TryGetValue(node, out var done))
        {
            return done;
        }

        var operand = node switch
        {
            ConstantExpr constant => Operand.Constant(constant.Value),
            ArgumentExpr argument => new Operand(false, 0, argument.Index, 1u << argument.Index),
            ParameterExpr parameter => Operand.Constant(_parameterValue(parameter)),
            UnaryExpr unary => EmitUnary(unary),
            BinaryExpr binary => EmitBinary(binary),
            TableExpr table => EmitTable(table),
            _ => throw new InvalidOperationException($"unknown node {node.GetType().Name}"),
        };
        _compiled[node] = operand;
        return operand;
    }

    private Operand EmitUnary(UnaryExpr unary)
    {
        var a = Emit(unary.Operand);
        if (a.IsConstant)
        {
            return Operand.Constant(MathSemantics.Unary(unary.Operation, a.Value));
        }

        var op = unary.Operation switch
        {
            MathOperation.Negate => OpCode.Negate,
            MathOperation.Exp => OpCode.Exp,
            MathOperation.Log => OpCode.Log,
            MathOperation.Log10 => OpCode.Log10,
            MathOperation.Sqrt => OpCode.Sqrt,
            MathOperation.Tanh => OpCode.Tanh,
            MathOperation.Sinh => OpCode.Sinh,
            MathOperation.Cosh => OpCode.Cosh,
            MathOperation.Abs => OpCode.Abs,
            _ => throw new InvalidOperationException($"{unary.Operation} is not unary"),
        };
        return Add(new Instruction(op, a.Slot, 0, 0, 0, a.Mask, 0, a.Mask));
    }

    private Operand EmitBinary(BinaryExpr binary)
    {
        var a = Emit(binary.Left);
        var b = Emit(binary.Right);
        var operation = binary.Operation;
        if (a.IsConstant && b.IsConstant)
        {
            return Operand.Constant(MathSemantics.Binary(operation, a.Value, b.Value));
        }

        if (b.IsConstant)
        {
            var k = b.Value;
            switch (operation)
            {
                case MathOperation.Add or MathOperation.Subtract when k == 0:
                case MathOperation.Multiply or MathOperation.Divide or MathOperation.Power when k == 1:
                    return a;
                case MathOperation.Power when k == 0:
                    return Operand.Constant(1); // x ** 0 is 1, as in Python
            }

            return operation switch
            {
                MathOperation.Add => WithConstant(OpCode.AddK, a, k),
                MathOperation.Subtract => WithConstant(OpCode.AddK, a, -k),
                MathOperation.Multiply => WithConstant(OpCode.MultiplyK, a, k),
                MathOperation.Divide => WithConstant(OpCode.DivideK, a, k),
                MathOperation.Power => WithConstant(OpCode.PowerK, a, k),
                MathOperation.Min => WithConstant(OpCode.MinK, a, k),
                MathOperation.Max => WithConstant(OpCode.MaxK, a, k),
                _ => throw new InvalidOperationException($"{operation} is not binary"),
            };
        }

        if (a.IsConstant)
        {
            var k = a.Value;
            if (operation == MathOperation.Multiply && k == 1)
            {
                return b;
            }

            if (operation == MathOperation.Add && k == 0)
            {
                return b;
            }

            return operation switch
            {
                MathOperation.Add => WithConstant(OpCode.AddK, b, k),
                MathOperation.Subtract => WithConstant(OpCode.ReverseSubtractK, b, k),
                MathOperation.Multiply => WithConstant(OpCode.MultiplyK, b, k),
                MathOperation.Divide => WithConstant(OpCode.ReverseDivideK, b, k),
                MathOperation.Power => Add(new Instruction(OpCode.ReversePowerK, b.Slot, 0, k, Math.Log(k), b.Mask, 0, b.Mask)),
                MathOperation.Min => WithConstant(OpCode.MinK, b, k),
                MathOperation.Max => WithConstant(OpCode.MaxK, b, k),
                _ => throw new InvalidOperationException($"{operation} is not binary"),
            };
        }

        var code = operation switch
        {
            MathOperation.Add => OpCode.Add,
            MathOperation.Subtract => OpCode.Subtract,
            MathOperation.Multiply => OpCode.Multiply,
            MathOperation.Divide => OpCode.Divide,
            MathOperation.Power => OpCode.Power,
            MathOperation.Min => OpCode.Min,
            MathOperation.Max => OpCode.Max,
            _ => throw new InvalidOperationException($"{operation} is not binary"),
        };
        return Add(new Instruction(code, a.Slot, b.Slot, 0, 0, a.Mask, b.Mask, a.Mask | b.Mask));
    }

    private Operand EmitTable(TableExpr table)
    {
        var a = Emit(table.Argument);
        if (a.IsConstant)
        {
            return Operand.Constant(table.Table.Evaluate(a.Value));
        }

        var index = _tables.IndexOf(table.Table);
        if (index < 0)
        {
            index = _tables.Count;
            _tables.Add(table.Table);
        }

        return Add(new Instruction(OpCode.Table, a.Slot, index, 0, 0, a.Mask, 0, a.Mask));
    }

    private Operand WithConstant(OpCode op, Operand a, double k) => Add(new Instruction(op, a.Slot, 0, k, 0, a.Mask, 0, a.Mask));

    private Operand Add(Instruction instruction)
    {
        _code.Add(instruction);
        return new Operand(false, 0, _argumentCount + _code.Count - 1, instruction.Mask);
    }

    /// <summary>A compiled sub-expression: a folded constant, or a slot with the arguments it depends on.</summary>
    private readonly record struct Operand(bool IsConstant, double Value, int Slot, uint Mask)
    {
        public static Operand Constant(double value) => new(true, value, -1, 0);
    }
}
