using Trainer.Data.Randomness;
using Trainer.Models.Hopfield.Theory;
using Trainer.Models.Kernelized;
using Trainer.Torch;
using Trainer.Training.Experiments.DenseCapacity;
using Trainer.Training.Logging;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.KernelizedCapacity;

/// <summary>One U-Hop+ run on M points of S^2: smallest pairwise angle of the unit features before and after.</summary>
/// <param name="Method">"linear", "mlp" (feature maps R^3 -&gt; R^3 trained by U-Hop+) or "free" (the points themselves).</param>
public sealed record TammesRun(int M, string Method, int Restart, double AngleBefore, double AngleAfter, double DeltaMinAfter, double FinalLoss);

/// <summary>
/// U-Hop+ against the Tammes problem (Hu, Wu and Liu, NeurIPS 2024; digest 5.2-5.3): M random unit memories in R^3,
/// a feature map Phi: R^3 -&gt; R^3 trained on the separation loss L = log mean_{mu &lt; nu} exp(&lt;Z_mu, Z_nu&gt; / tau) of the
/// unit features Z = Phi(xi) / ||Phi(xi)||. As tau -&gt; 0 the minimiser is the max-min-angle (Tammes) code, whose
/// Delta_min = 1 - cos(theta_Tammes(M)) lies between the spherical-code bounds lower(M, 3) = 2/(3M) and upper = 4/sqrt(M).
/// "free" optimises the points themselves with the same loss, which shows what the loss reaches without Phi's limits.
/// </summary>
public sealed class TammesSweep(TammesSweepConfig config, ulong seed, SummaryWriter tb, Action tick)
{
    public List<TammesRun> Run(CancellationToken cancel)
    {
        var runs = new List<TammesRun>();
        foreach (int m in config.Counts)
        {
            for (int r = 0; r < config.Restarts; r++)
            {
                if (cancel.IsCancellationRequested)
                {
                    return runs;
                }

                using Tensor memories = UnitMemories(m, 3, seed, $"tammes/{m}/{r}");
                foreach (FeatureMapKind kind in config.Kinds)
                {
                    runs.Add(TrainMap(memories, kind, m, r));
                }

                if (config.FreePoints)
                {
                    runs.Add(TrainFree(memories, m, r));
                }

                tick();
            }
        }

        return runs;
    }

    /// <summary>M unit vectors of R^d (uniform), deterministic in (seed, purpose).</summary>
    public static Tensor UnitMemories(int m, int d, ulong seed, string purpose)
    {
        using Tensor p = DamMeasure.Patterns(PatternEnsemble.Spherical, m, d, Rng.DeriveSeed(seed, purpose), 0);
        return p / Math.Sqrt(d);
    }

    private TammesRun TrainMap(Tensor memories, FeatureMapKind kind, int m, int restart)
    {
        manual_seed(Rng.DeriveSeed(seed, $"phi/{kind}/{m}/{restart}"));
        using var phi = new FeatureMap(new FeatureMapConfig { InputDim = 3, FeatureDim = 3, Kind = kind, HiddenDim = config.HiddenDim });
        double before = Angle(phi, memories);
        List<double> losses = UHopPlus.Separate(phi, memories, config.Separation.ToOptions());
        double after = Angle(phi, memories);
        return Record(m, kind.ToString().ToLowerInvariant(), restart, before, after, losses);
    }

    private TammesRun TrainFree(Tensor memories, int m, int restart)
    {
        var losses = new List<double>();
        using Tensor points = memories.clone().requires_grad_();
        double before = SeparationMetrics.MinPairwiseAngleDegrees(memories);
        using (var opt = optim.Adam(new[] { points }, config.Separation.LearningRate))
        {
            for (int s = 0; s < config.Separation.Steps; s++)
            {
                using var scope = NewDisposeScope();
                opt.zero_grad();
                Tensor loss = SeparationLoss.Compute(points, config.Separation.Tau, config.Separation.AuthorsQuirk);
                losses.Add(loss.item<double>());
                loss.backward();
                opt.step();
            }
        }

        double after;
        using (no_grad())
        {
            after = SeparationMetrics.MinPairwiseAngleDegrees(points);
        }

        return Record(m, "free", restart, before, after, losses);
    }

    private TammesRun Record(int m, string method, int restart, double before, double after, List<double> losses)
    {
        for (int s = 0; s < losses.Count; s += Math.Max(1, losses.Count / 50))
        {
            tb.add_scalar($"tammes/M{m}/{method}/restart{restart}/loss", losses[s], s);
        }

        tb.add_scalar($"tammes/{method}/min_angle_deg", after, m * 100 + restart);
        double delta = 1 - Math.Cos(after * Math.PI / 180);
        return new TammesRun(m, method, restart, before, after, delta, losses.Count > 0 ? losses[^1] : double.NaN);
    }

    private static double Angle(FeatureMap phi, Tensor memories)
    {
        using var _ = no_grad();
        using Tensor f = phi.forward(memories);
        return SeparationMetrics.MinPairwiseAngleDegrees(f);
    }
}
