using Trainer.Data.Randomness;

namespace Trainer.Data.Associations;

/// <summary>Configuration of the Zipf association data (JSON keys snake_case). Defaults: the paper's grid.</summary>
public sealed record ZipfConfig
{
    /// <summary>Number of input tokens N.</summary>
    public int N { get; init; } = 100;

    /// <summary>Number of output classes M; y = x mod M.</summary>
    public int M { get; init; } = 5;

    /// <summary>Zipf exponent alpha: p(x) proportional to x^(-alpha).</summary>
    public double Alpha { get; init; } = 2.0;

    /// <summary>Number of i.i.d. samples T.</summary>
    public int Samples { get; init; } = 10_240;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (N < 1 || M < 1)
        {
            throw new ArgumentException($"n and m must be >= 1, got n {N}, m {M}");
        }
        if (!(Alpha >= 0) || double.IsInfinity(Alpha))
        {
            throw new ArgumentException($"alpha must be finite and >= 0, got {Alpha}");
        }
        if (Samples < 0)
        {
            throw new ArgumentException($"samples must be >= 0, got {Samples}");
        }
    }
}

/// <summary>
/// Heavy-tailed associations (Cabannes, Dohmatob and Bietti; paper digest 1.1): tokens x with Zipf law
/// p(x) proportional to x^(-alpha) for x = 1..N, labels y = f*(x), T i.i.d. samples and their counts n_x.
/// Tokens are stored 0-based as i = x - 1 (the authors' code: p = (arange(N)+1)^(-alpha)) and the label is
/// f*(i) = i mod M, as in their code.
/// </summary>
/// <remarks>
/// Worked example, N = 3, M = 2, alpha = 1: weights 1, 1/2, 1/3 normalise to p = (6/11, 3/11, 2/11); labels
/// f* = (0, 1, 0). Samples [0, 0, 2, 0] give Inputs [0, 0, 2, 0], Outputs [0, 0, 0, 0], Counts [3, 0, 1].
/// The expected unseen mass after T = 4 draws is sum_x p(x) (1 - p(x))^4 = 0.0233 + 0.0763 + 0.0815 = 0.181.
/// </remarks>
public sealed class ZipfAssociations
{
    private ZipfAssociations(ZipfConfig config, double[] p, int[] inputs, int[] outputs, int[] counts)
    {
        Config = config;
        Probabilities = p;
        Inputs = inputs;
        Outputs = outputs;
        Counts = counts;
    }

    /// <summary>The configuration used.</summary>
    public ZipfConfig Config { get; }

    /// <summary>p(i) for i = 0..N-1, summing to 1.</summary>
    public double[] Probabilities { get; }

    /// <summary>Sampled tokens, length T.</summary>
    public int[] Inputs { get; }

    /// <summary>f*(token) for each sample.</summary>
    public int[] Outputs { get; }

    /// <summary>n_x: occurrences of each token among the samples, length N.</summary>
    public int[] Counts { get; }

    /// <summary>f*(i) = i mod M for every token (the full association table).</summary>
    public int[] Labels => Enumerable.Range(0, Config.N).Select(i => i % Config.M).ToArray();

    /// <summary>Expected unseen mass U_T = sum_x p(x) (1 - p(x))^T, evaluated in closed form.</summary>
    public double ExpectedUnseenMass => UnseenMass(Probabilities, Config.Samples);

    /// <summary>Mass of the tokens that this sample never drew: sum over n_x = 0 of p(x).</summary>
    public double EmpiricalUnseenMass
    {
        get
        {
            double mass = 0;
            for (int i = 0; i < Counts.Length; i++)
            {
                if (Counts[i] == 0)
                {
                    mass += Probabilities[i];
                }
            }
            return mass;
        }
    }

    /// <summary>p(i) = (i + 1)^(-alpha) / sum_j (j + 1)^(-alpha).</summary>
    public static double[] ZipfProbabilities(int n, double alpha)
    {
        var p = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            p[i] = DetMath.Pow(i + 1, -alpha);
            total += p[i];
        }
        for (int i = 0; i < n; i++)
        {
            p[i] /= total;
        }
        return p;
    }

    /// <summary>U_T = sum_x p(x) (1 - p(x))^T with (1 - p)^T = exp(T ln(1 - p)) and ln(1 - p) by log1p.</summary>
    public static double UnseenMass(ReadOnlySpan<double> p, long samples)
    {
        double mass = 0;
        foreach (double px in p)
        {
            mass += px >= 1 ? (samples == 0 ? 1 : 0) : px * DetMath.Exp(samples * DetMath.Log1p(-px));
        }
        return mass;
    }

    /// <summary>Draws T samples with an alias table over p.</summary>
    public static ZipfAssociations Generate(ZipfConfig config, ulong seed)
    {
        config.Validate();
        var p = ZipfProbabilities(config.N, config.Alpha);
        var table = new AliasTable(p);
        var rng = Rng.ForPurpose(seed, "zipf");
        var inputs = new int[config.Samples];
        var outputs = new int[config.Samples];
        var counts = new int[config.N];
        for (int t = 0; t < inputs.Length; t++)
        {
            int x = table.Sample(rng);
            inputs[t] = x;
            outputs[t] = x % config.M;
            counts[x]++;
        }
        return new ZipfAssociations(config, p, inputs, outputs, counts);
    }
}
