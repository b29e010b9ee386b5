namespace ChargeTwin.HilBench.Tests.Numerics;

/// <summary>A plain dense LU with partial pivoting: the reference the bordered band solver is checked against.</summary>
internal static class DenseReference
{
    public static double[] Solve(double[,] matrix, double[] rhs)
    {
        int n = rhs.Length;
        var a = (double[,])matrix.Clone();
        var x = (double[])rhs.Clone();
        for (int j = 0; j < n; j++)
        {
            int p = j;
            for (int i = j + 1; i < n; i++)
            {
                if (Math.Abs(a[i, j]) > Math.Abs(a[p, j]))
                {
                    p = i;
                }
            }

            if (a[p, j] == 0.0)
            {
                throw new InvalidOperationException("reference matrix is singular");
            }

            if (p != j)
            {
                for (int c = 0; c < n; c++)
                {
                    (a[j, c], a[p, c]) = (a[p, c], a[j, c]);
                }

                (x[j], x[p]) = (x[p], x[j]);
            }

            for (int i = j + 1; i < n; i++)
            {
                double f = a[i, j] / a[j, j];
                if (f == 0.0)
                {
                    continue;
                }

                for (int c = j; c < n; c++)
                {
                    a[i, c] -= f * a[j, c];
                }

                x[i] -= f * x[j];
            }
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int c = i + 1; c < n; c++)
            {
                s -= a[i, c] * x[c];
            }

            x[i] = s / a[i, i];
        }

        return x;
    }

    public static double[] Multiply(double[,] matrix, double[] x)
    {
        int n = x.Length;
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++)
            {
                s += matrix[i, j] * x[j];
            }

            y[i] = s;
        }

        return y;
    }
}
