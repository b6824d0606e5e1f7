using Trainer.Data.Randomness;

namespace Trainer.Models.Clustering;

/// <summary>
/// The seating of a Chinese restaurant process over points x_i (tables = memories), collapsed over the memory
/// locations with a conjugate Gaussian prior: xi_k ~ N(mu0, tau^2 I), x | z = k ~ N(xi_k, sigma^2 I), sigma^2 = 1/beta.
/// With n_k points seated at table k and their sum S_k (point i itself not seated):
/// <code>
///   posterior of xi_k    precision lambda_k = 1/tau^2 + n_k/sigma^2,   mean m_k = (mu0/tau^2 + S_k/sigma^2) / lambda_k
///   existing table k     log n_k   + log N(x_i; m_k, (sigma^2 + 1/lambda_k) I)
///   new table            log alpha + log N(x_i; mu0, (sigma^2 + tau^2) I)         (the prior predictive)
/// </code>
/// so a point opens a new memory when alpha times the prior predictive beats every count-weighted posterior
/// predictive (MAP), or with the normalised probabilities (Gibbs). A table left empty is retired. Point-by-point moves
/// cannot split two clusters seated at one table (nor merge two halves of one), so <see cref="TrySplits"/> and
/// <see cref="TryMerges"/> (CrpSeating.SplitMerge.cs) compare whole partitions by their collapsed log posterior.
/// </summary>
public sealed partial class CrpSeating
{
    private readonly double[] _x;
    private readonly int[] _labels;
    private readonly List<int> _counts = new();
    private readonly List<double[]> _sums = new();
    private readonly List<double> _sumSquares = new();                 // sum over the table's points of ||x||^2
    private readonly double[] _mu0;
    private readonly double _alpha, _sigma2, _tau2;

    /// <summary>Points (N, d) row-major; every point starts unseated (label -1).</summary>
    public CrpSeating(double[] points, int dim, double alpha, double sigma2, double[] priorMean, double tau2)
    {
        if (dim < 1 || points.Length % dim != 0 || priorMean.Length != dim)
        {
            throw new ArgumentException("points must be (N, d) row-major and the prior mean of length d");
        }

        _x = points;
        Dim = dim;
        _labels = Enumerable.Repeat(-1, points.Length / dim).ToArray();
        _mu0 = priorMean;
        _alpha = alpha;
        _sigma2 = sigma2;
        _tau2 = tau2;
    }

    public int Dim { get; }

    public int N => _labels.Length;

    /// <summary>Occupied tables (memories).</summary>
    public int Tables => _counts.Count;

    /// <summary>Table of each point (-1 = unseated).</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>Points per table.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>log n_k + log N(x_i; m_k, (sigma^2 + 1/lambda_k) I), for an unseated point i.</summary>
    public double LogExisting(int i, int k)
    {
        double lambda = (1 / _tau2) + (_counts[k] / _sigma2);
        double[] s = _sums[k];
        double d2 = 0;
        for (int j = 0; j < Dim; j++)
        {
            double m = ((_mu0[j] / _tau2) + (s[j] / _sigma2)) / lambda;
            double diff = _x[(i * Dim) + j] - m;
            d2 += diff * diff;
        }

        return Math.Log(_counts[k]) + LogNormal(d2, _sigma2 + (1 / lambda));
    }

    /// <summary>log alpha + log N(x_i; mu0, (sigma^2 + tau^2) I).</summary>
    public double LogNew(int i)
    {
        double d2 = 0;
        for (int j = 0; j < Dim; j++)
        {
            double diff = _x[(i * Dim) + j] - _mu0[j];
            d2 += diff * diff;
        }

        return Math.Log(_alpha) + LogNormal(d2, _sigma2 + _tau2);
    }

    /// <summary>Posterior mean m_k of table k's memory, (d).</summary>
    public double[] PosteriorMean(int k)
    {
        double lambda = (1 / _tau2) + (_counts[k] / _sigma2);
        return Enumerable.Range(0, Dim).Select(j => ((_mu0[j] / _tau2) + (_sums[k][j] / _sigma2)) / lambda).ToArray();
    }

    /// <summary>
    /// One sweep in the given order: each point is unseated (retiring its table if it empties) and reseated by
    /// MAP (<paramref name="rng"/> null) or by a Gibbs draw. True when the partition changed.
    /// </summary>
    public bool Sweep(IReadOnlyList<int> order, Rng? rng)
    {
        bool changed = false;
        var scores = new double[Tables + 2];
        foreach (int i in order)
        {
            int old = _labels[i];
            bool retired = old >= 0 && Unseat(i);
            if (scores.Length < Tables + 1)
            {
                scores = new double[Tables + 1 + 8];
            }

            int choice = Choose(i, scores.AsSpan(0, Tables + 1), rng);
            changed |= retired ? choice != Tables : choice != old;
            Seat(i, choice);
        }

        return changed;
    }

    private int Choose(int i, Span<double> scores, Rng? rng)
    {
        int t = scores.Length - 1;
        for (int k = 0; k < t; k++)
        {
            scores[k] = LogExisting(i, k);
        }

        scores[t] = LogNew(i);
        int best = 0;
        for (int k = 1; k <= t; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        if (rng is null)
        {
            return best;
        }

        double max = scores[best];
        var cdf = new double[t + 1];
        double total = 0;
        for (int k = 0; k <= t; k++)
        {
            total += Math.Exp(scores[k] - max);
            cdf[k] = total;
        }

        return Sampling.Categorical(rng, cdf);
    }

    /// <summary>Seats point i at table k (k = <see cref="Tables"/> opens a new one).</summary>
    public void Seat(int i, int k)
    {
        if (k == Tables)
        {
            _counts.Add(0);
            _sums.Add(new double[Dim]);
            _sumSquares.Add(0);
        }

        _counts[k]++;
        for (int j = 0; j < Dim; j++)
        {
            double v = _x[(i * Dim) + j];
            _sums[k][j] += v;
            _sumSquares[k] += v * v;
        }

        _labels[i] = k;
    }

    /// <summary>Unseats point i; true when its table emptied and was retired (the last table takes its index).</summary>
    public bool Unseat(int i)
    {
        int k = _labels[i];
        _labels[i] = -1;
        _counts[k]--;
        for (int j = 0; j < Dim; j++)
        {
            double v = _x[(i * Dim) + j];
            _sums[k][j] -= v;
            _sumSquares[k] -= v * v;
        }

        if (_counts[k] > 0)
        {
            return false;
        }

        Retire(k);
        return true;
    }

    /// <summary>Removes the empty table k; the last table takes its index.</summary>
    private void Retire(int k)
    {
        int last = Tables - 1;
        _counts[k] = _counts[last];
        _sums[k] = _sums[last];
        _sumSquares[k] = _sumSquares[last];
        _counts.RemoveAt(last);
        _sums.RemoveAt(last);
        _sumSquares.RemoveAt(last);
        if (k != last)
        {
            for (int p = 0; p < _labels.Length; p++)
            {
                if (_labels[p] == last)
                {
                    _labels[p] = k;
                }
            }
        }
    }

    private double LogNormal(double d2, double variance) =>
        (-0.5 * Dim * Math.Log(2 * Math.PI * variance)) - (d2 / (2 * variance));
}
