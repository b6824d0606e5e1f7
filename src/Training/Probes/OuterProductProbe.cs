namespace Trainer.Training.Probes;

/// <summary>Config of <see cref="OuterProductProbe"/>.</summary>
public sealed record OuterProductConfig
{
    /// <summary>Inputs (rows) kept in the heat map, the first ones (the most frequent under a Zipf law).</summary>
    public int HeatMapRows { get; init; } = 64;

    /// <summary>Outputs (columns) kept in the heat map.</summary>
    public int HeatMapCols { get; init; } = 64;
}

/// <summary>Result of <see cref="OuterProductProbe"/>.</summary>
/// <param name="HeatMap">softmax_y(E W U^T)[x, y] for the first rows x columns (row-major jagged).</param>
/// <param name="Frequency">p(x) per input.</param>
/// <param name="Strength">Stored strength per input: the score of its right output, u_{f(x)}^T W e_x (paper orientation: (E W U^T)[x, f(x)]).</param>
/// <param name="CorrectProbability">softmax probability of the right output per input.</param>
/// <param name="Error">E(f) = sum_x p(x) 1[argmax_y != f(x)] (p normalised).</param>
/// <param name="StrengthFrequencySpearman">Rank correlation between strength and frequency.</param>
public sealed record OuterProductResult(
    double[][] HeatMap,
    double[] Frequency,
    double[] Strength,
    double[] CorrectProbability,
    double Error,
    double StrengthFrequencySpearman);

/// <summary>
/// Outer-product (Hebbian) memories (paper section 1.1): with input embeddings E (N, d), output embeddings U (M, d)
/// and the memory W (d, d) stored as in the authors' code (W = sum_x q(x) e_x u_{f(x)}^T, scored as E W U^T), the
/// association heat map is softmax over outputs of E W U^T, and the stored strength of input x is its right
/// output's score, set against the input frequency p(x). Takes plain arrays, so any memory can be probed.
/// </summary>
public sealed class OuterProductProbe
{
    public OuterProductProbe(OuterProductConfig? config = null) => Config = config ?? new OuterProductConfig();

    public OuterProductConfig Config { get; }

    /// <param name="e">Input embeddings (N, d).</param>
    /// <param name="w">Memory (d, d), row-major, scored as E W U^T.</param>
    /// <param name="u">Output embeddings (M, d).</param>
    /// <param name="targets">f(x) in 0..M-1 per input.</param>
    /// <param name="frequency">p(x) per input (any non-negative weights; normalised here).</param>
    public OuterProductResult Run(EmbeddingMatrix e, ReadOnlySpan<double> w, EmbeddingMatrix u, IReadOnlyList<int> targets, IReadOnlyList<double> frequency)
    {
        int n = e.Rows;
        int d = e.Cols;
        if (u.Cols != d || w.Length != d * d || targets.Count != n || frequency.Count != n)
        {
            throw new ArgumentException($"shapes disagree: E ({n}, {d}), W {w.Length} values, U ({u.Rows}, {u.Cols}), {targets.Count} targets, {frequency.Count} frequencies");
        }

        double total = frequency.Sum();
        double[] p = frequency.Select(f => total > 0 ? f / total : 0).ToArray();
        var heat = new List<double[]>();
        var strength = new double[n];
        var correct = new double[n];
        double error = 0;
        var ew = new double[d];
        var logits = new double[u.Rows];
        for (int x = 0; x < n; x++)
        {
            RowTimes(e.Row(x), w, ew);
            for (int y = 0; y < u.Rows; y++)
            {
                logits[y] = Dot(ew, u.Row(y));
            }

            double[] prob = Softmax(logits);
            int best = Array.IndexOf(logits, logits.Max());
            strength[x] = logits[targets[x]];
            correct[x] = prob[targets[x]];
            error += best == targets[x] ? 0 : p[x];
            if (x < Config.HeatMapRows)
            {
                heat.Add(prob.Take(Config.HeatMapCols).ToArray());
            }
        }

        return new OuterProductResult(heat.ToArray(), p, strength, correct, error, RankCorrelation.Spearman(strength, p));
    }

    // out = row^T W (1, d)
    private static void RowTimes(ReadOnlySpan<double> row, ReadOnlySpan<double> w, double[] result)
    {
        int d = row.Length;
        Array.Clear(result);
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                result[j] += row[i] * w[(i * d) + j];
            }
        }
    }

    private static double Dot(double[] a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        double[] exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        double sum = exp.Sum();
        return exp.Select(v => v / sum).ToArray();
    }
}
