using Trainer.Data.Randomness;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Probes;

/// <summary>
/// A node embedding E (n, d) held as float64 row-major values: row u is e_u. The probes read it; nothing mutates it.
/// Build it from a tensor (<see cref="FromTensor"/>, any float dtype, copied), a C# array, or draw a Gaussian
/// control of a given shape (<see cref="Gaussian"/>).
/// </summary>
public sealed class EmbeddingMatrix
{
    private readonly double[] _values;

    /// <summary>Wraps <paramref name="values"/> (length rows * cols, row-major; not copied).</summary>
    public EmbeddingMatrix(double[] values, int rows, int cols)
    {
        if (rows < 0 || cols < 0 || (long)rows * cols != values.Length)
        {
            throw new ArgumentException($"an embedding of shape ({rows}, {cols}) needs {(long)rows * cols} values, got {values.Length}");
        }

        _values = values;
        Rows = rows;
        Cols = cols;
    }

    /// <summary>Number of nodes n.</summary>
    public int Rows { get; }

    /// <summary>Embedding width d.</summary>
    public int Cols { get; }

    /// <summary>All values, row-major (n * d).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>E[u, j].</summary>
    public double this[int u, int j] => _values[(u * Cols) + j];

    /// <summary>e_u, length d.</summary>
    public ReadOnlySpan<double> Row(int u) => _values.AsSpan(u * Cols, Cols);

    /// <summary>Copies a 2-D tensor (n, d) of any floating dtype.</summary>
    public static EmbeddingMatrix FromTensor(Tensor t)
    {
        if (t.ndim != 2)
        {
            throw new ArgumentException($"node embeddings must be 2-D (n, d), got shape [{string.Join(", ", t.shape)}]");
        }

        using Tensor d = t.detach().to(ScalarType.Float64).contiguous();
        return new EmbeddingMatrix(d.data<double>(), (int)t.size(0), (int)t.size(1));
    }

    /// <summary>Copies a C# array E[u, j].</summary>
    public static EmbeddingMatrix FromArray(float[,] e) => FromArray(e, (a, i, j) => a[i, j]);

    /// <summary>Copies a C# array E[u, j].</summary>
    public static EmbeddingMatrix FromArray(double[,] e) => FromArray(e, (a, i, j) => a[i, j]);

    /// <summary>i.i.d. N(0, 1) entries drawn from a seeded <see cref="Rng"/>: the random-embedding control.</summary>
    public static EmbeddingMatrix Gaussian(int rows, int cols, ulong seed)
    {
        var rng = new Rng(seed);
        var v = new double[(long)rows * cols];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = rng.NextNormal();
        }

        return new EmbeddingMatrix(v, rows, cols);
    }

    /// <summary>The first <paramref name="count"/> rows (e.g. node rows of a vocabulary embedding).</summary>
    public EmbeddingMatrix TakeRows(int count)
    {
        if (count < 0 || count > Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"must lie in [0, {Rows}]");
        }

        return new EmbeddingMatrix(_values.AsSpan(0, count * Cols).ToArray(), count, Cols);
    }

    /// <summary>e_u . e_w.</summary>
    public double Dot(int u, int w)
    {
        ReadOnlySpan<double> a = Row(u);
        ReadOnlySpan<double> b = Row(w);
        double s = 0;
        for (int j = 0; j < a.Length; j++)
        {
            s += a[j] * b[j];
        }

        return s;
    }

    /// <summary>||e_u||.</summary>
    public double Norm(int u) => Math.Sqrt(Dot(u, u));

    /// <summary>cos(e_u, e_w); 0 when either row is zero.</summary>
    public double Cosine(int u, int w)
    {
        double den = Norm(u) * Norm(w);
        return den > 0 ? Dot(u, w) / den : 0;
    }

    /// <summary>||e_u - e_w||.</summary>
    public double Distance(int u, int w)
    {
        ReadOnlySpan<double> a = Row(u);
        ReadOnlySpan<double> b = Row(w);
        double s = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double diff = a[j] - b[j];
            s += diff * diff;
        }

        return Math.Sqrt(s);
    }

    /// <summary>||E||_F^2.</summary>
    public double FrobeniusSquared()
    {
        double s = 0;
        foreach (double x in _values)
        {
            s += x * x;
        }

        return s;
    }

    /// <summary>A float64 tensor (n, d) with these values.</summary>
    public Tensor ToTensor() => tensor(_values, new long[] { Rows, Cols }, ScalarType.Float64);

    /// <summary>The values as float32 (for the projector files).</summary>
    public float[] ToFloat32() => Array.ConvertAll(_values, x => (float)x);

    private static EmbeddingMatrix FromArray<T>(T[,] e, Func<T[,], int, int, double> get)
    {
        int n = e.GetLength(0);
        int d = e.GetLength(1);
        var v = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                v[(i * d) + j] = get(e, i, j);
            }
        }

        return new EmbeddingMatrix(v, n, d);
    }
}
