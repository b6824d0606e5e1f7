using Trainer.Models.Hopfield;
using Trainer.Models.Hopfield.Theory;
using Trainer.Torch;
using Trainer.Training.Logging;
using Trainer.Training.Progress;

namespace Trainer.Training.Experiments.DenseCapacity;

/// <summary>One (ensemble, N, P, lambda) point of the capacity sweep.</summary>
/// <param name="Alpha">Effective load ln(P) / N.</param>
/// <param name="OneStep">Fraction of stored patterns whose own softmax weight exceeds 1/2 (the alpha_1 criterion).</param>
/// <param name="IteratedSelf">Fraction whose fixed point still gives the pattern weight &gt; 1/2 (NaN when not run).</param>
/// <param name="IteratedDistance">Fraction whose fixed point lies within distance_tol sqrt(N) of the pattern (NaN when not run).</param>
/// <param name="FiniteN">The finite-N REM estimate of the one-step success probability.</param>
/// <param name="Theory">1 when alpha &lt; alpha_1(lambda) (N -&gt; infinity), else 0.</param>
public sealed record CapacityPoint(PatternEnsemble Ensemble, int N, double Alpha, long Patterns, double Lambda, int Queries,
    double OneStep, double IteratedSelf, double IteratedDistance, double FiniteN, double Theory);

/// <summary>One (ensemble, N, alpha, lambda, rho0) point of the one-step basin sweep.</summary>
public sealed record BasinPoint(PatternEnsemble Ensemble, int N, double Alpha, long Patterns, double Lambda, double Overlap,
    double Rate, double FiniteN);

/// <summary>The sweeps of <see cref="DamCapacityExperiment"/>: success against load, and one-step basins.</summary>
public sealed class DamSweep(DamCapacityConfig config, ExperimentContext context, SummaryWriter tb)
{
    private int _done;
    private int _total;

    /// <summary>The (N, P) grid of one ensemble: P = round(e^(alpha N)), 2 &lt;= P &lt;= max_patterns, duplicates dropped.</summary>
    public static IReadOnlyList<long> PatternCounts(DamCapacityConfig c, int n)
    {
        var counts = new SortedSet<long>();
        for (double a = c.AlphaMin; a <= c.AlphaMax + 1e-9; a += c.AlphaStep)
        {
            long p = DenseMemoryTheory.PatternCount(a, n);
            if (p >= 2 && p <= c.MaxPatterns)
            {
                counts.Add(p);
            }
        }

        return counts.ToList();
    }

    /// <summary>All lambdas whose one-step rate is measured (curves and phase diagram).</summary>
    public double[] AllLambdas => config.Lambdas.Concat(config.PhaseLambdas).Distinct().Order().ToArray();

    /// <summary>Runs both sweeps.</summary>
    public (List<CapacityPoint> Capacity, List<BasinPoint> Basins) Run()
    {
        int basinDim = BasinDim;
        _total = config.Ensembles.Sum(_ => config.Dims.Sum(n => PatternCounts(config, n).Count))
            + (config.Basins.Enabled ? config.Ensembles.Length * config.Basins.Alphas.Length * (config.Basins.OverlapSteps + 1) : 0);
        var capacity = new List<CapacityPoint>();
        foreach (PatternEnsemble e in config.Ensembles)
        {
            foreach (int n in config.Dims)
            {
                foreach (long p in PatternCounts(config, n))
                {
                    if (context.Cancel.IsCancellationRequested)
                    {
                        return (capacity, new List<BasinPoint>());
                    }

                    capacity.AddRange(CapacityAt(e, n, p));
                    Tick();
                }
            }
        }

        var basins = new List<BasinPoint>();
        if (config.Basins.Enabled)
        {
            foreach (PatternEnsemble e in config.Ensembles)
            {
                foreach (double a in config.Basins.Alphas)
                {
                    if (context.Cancel.IsCancellationRequested)
                    {
                        break;
                    }

                    basins.AddRange(BasinsAt(e, basinDim, a));
                }
            }
        }

        return (capacity, basins);
    }

    /// <summary>N of the basin sweep.</summary>
    public int BasinDim => config.Basins.Dim > 0 ? config.Basins.Dim : config.Dims.Max();

    private IEnumerable<CapacityPoint> CapacityAt(PatternEnsemble e, int n, long p)
    {
        double[] lambdas = AllLambdas;
        int reps = (int)Math.Min(256, (config.Queries + p - 1) / p);
        var oneStep = new long[lambdas.Length];
        var iterSelf = new double[config.Lambdas.Length];
        var iterDist = new double[config.Lambdas.Length];
        int queries = 0, iterQueries = 0;
        bool iterate = config.IteratedQueries > 0 && p <= config.IteratedMaxPatterns;
        for (int rep = 0; rep < reps; rep++)
        {
            using Tensor patterns = DamMeasure.Patterns(e, p, n, (ulong)config.Seed, rep);
            int q = (int)Math.Min(p, config.Queries - queries);
            if (q > 0)
            {
                long[] ok = DamMeasure.OneStepFromPatterns(patterns, q, lambdas);
                for (int l = 0; l < lambdas.Length; l++)
                {
                    oneStep[l] += ok[l];
                }

                queries += q;
            }

            int iq = iterate ? (int)Math.Min(p, config.IteratedQueries - iterQueries) : 0;
            if (iq > 0)
            {
                for (int l = 0; l < config.Lambdas.Length; l++)
                {
                    using var dam = new DenseAssociativeMemory(patterns.alias(), config.Lambdas[l]);
                    DenseRetrievalReport r = dam.EvaluateFromPatterns(iq, config.MaxSteps, 1e-4, config.DistanceTol);
                    iterSelf[l] += r.SelfWeightRate * iq;
                    iterDist[l] += r.DistanceRate * iq;
                }

                iterQueries += iq;
            }
        }

        double alpha = DenseMemoryTheory.Load(p, n);
        for (int l = 0; l < lambdas.Length; l++)
        {
            double lam = lambdas[l];
            int li = Array.IndexOf(config.Lambdas, lam);
            bool curve = li >= 0;
            double rate = (double)oneStep[l] / queries;
            double finite = curve ? FiniteSizeRem.SuccessProbability(e, n, lam, alpha) : double.NaN;
            double theory = DenseMemoryTheory.Retrieves(e, lam, alpha) ? 1 : 0;
            double iSelf = curve && iterQueries > 0 ? iterSelf[li] / iterQueries : double.NaN;
            double iDist = curve && iterQueries > 0 ? iterDist[li] / iterQueries : double.NaN;
            string tag = $"capacity/{Name(e)}/N{n}/lambda_{lam:G4}";
            long step = (long)Math.Round(alpha * 1000);
            tb.add_scalar(tag + "/one_step", rate, step);
            if (!double.IsNaN(iSelf))
            {
                tb.add_scalar(tag + "/iterated", iSelf, step);
            }

            yield return new CapacityPoint(e, n, alpha, p, lam, queries, rate, iSelf, iDist, finite, theory);
        }
    }

    private IEnumerable<BasinPoint> BasinsAt(PatternEnsemble e, int n, double alphaTarget)
    {
        long p = Math.Min(Math.Max(2, DenseMemoryTheory.PatternCount(alphaTarget, n)), config.MaxPatterns);
        double alpha = DenseMemoryTheory.Load(p, n);
        int reps = (int)Math.Min(64, (config.Basins.Queries + p - 1) / p);
        int perRep = (config.Basins.Queries + reps - 1) / reps;
        double[] lambdas = config.Basins.Lambdas;
        int steps = config.Basins.OverlapSteps;
        var ok = new long[steps + 1, lambdas.Length];
        for (int rep = 0; rep < reps; rep++)
        {
            using Tensor patterns = DamMeasure.Patterns(e, p, n, (ulong)config.Seed ^ 0xBA51u, rep);
            using Tensor cpu = patterns.contiguous();
            float[] data = cpu.data<float>();
            for (int k = 0; k <= steps; k++)
            {
                double rho = (double)k / steps;
                ulong seed = Trainer.Data.Randomness.Rng.DeriveSeed((ulong)config.Seed, $"basin/{e}/{n}/{p}/{rep}/{k}");
                var (queries, targets) = DamMeasure.NoisyQueries(patterns, data, perRep, rho, seed);
                using (queries)
                {
                    long[] c = DamMeasure.OneStepSuccesses(patterns, queries, targets, lambdas);
                    for (int l = 0; l < lambdas.Length; l++)
                    {
                        ok[k, l] += c[l];
                    }
                }
            }
        }

        var points = new List<BasinPoint>();
        for (int k = 0; k <= steps; k++)
        {
            double rho = (double)k / steps;
            for (int l = 0; l < lambdas.Length; l++)
            {
                double rate = (double)ok[k, l] / (reps * perRep);
                double finite = FiniteSizeRem.SuccessProbability(e, n, lambdas[l], alpha, rho);
                tb.add_scalar($"basins/{Name(e)}/N{n}/alpha_{alpha:F3}/lambda_{lambdas[l]:G4}", rate, k);
                points.Add(new BasinPoint(e, n, alpha, p, lambdas[l], rho, rate, finite));
            }

            Tick();
        }

        return points;
    }

    private void Tick()
    {
        _done++;
        context.Progress.Report(new ProgressUpdate(_done, _total));
    }

    /// <summary>Lower-case ensemble name.</summary>
    public static string Name(PatternEnsemble e) => e.ToString().ToLowerInvariant();
}
