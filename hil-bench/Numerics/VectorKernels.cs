using System.Numerics;
using System.Runtime.CompilerServices;

namespace ChargeTwin.HilBench.Numerics;

/// <summary>
/// The few dense kernels the LU factorisation and the integrator spend their time in: y += a·x and x·y
/// on contiguous runs, SIMD-wide and without bounds checks. Callers guarantee that the runs lie inside
/// their arrays (the index arithmetic is asserted in debug builds by the callers).
/// </summary>
internal static class VectorKernels
{
    /// <summary>y[0..n) += a · x[0..n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(double a, ref double x, ref double y, int n)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(a);
            int last = n - Vector<double>.Count;
            for (; i <= last; i += Vector<double>.Count)
            {
                var vy = Vector.LoadUnsafe(ref y, (nuint)i);
                var vx = Vector.LoadUnsafe(ref x, (nuint)i);
                (vy + (va * vx)).StoreUnsafe(ref y, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref y, i) += a * Unsafe.Add(ref x, i);
        }
    }

    /// <summary>Σ x[i]·y[i] over [0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ref double x, ref double y, int n)
    {
        int i = 0;
        double sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            int last = n - Vector<double>.Count;
            for (; i <= last; i += Vector<double>.Count)
            {
                acc += Vector.LoadUnsafe(ref x, (nuint)i) * Vector.LoadUnsafe(ref y, (nuint)i);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        }

        return sum;
    }

    /// <summary>x[0..n) *= a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale(double a, ref double x, int n)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(a);
            int last = n - Vector<double>.Count;
            for (; i <= last; i += Vector<double>.Count)
            {
                (Vector.LoadUnsafe(ref x, (nuint)i) * va).StoreUnsafe(ref x, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref x, i) *= a;
        }
    }
}
