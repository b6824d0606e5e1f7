using Trainer.Data.Patterns;
using Trainer.Data.Randomness;
using Trainer.Models.Clustering;
using Trainer.Models.Probabilistic;
using Trainer.Torch;
using Trainer.Training.Logging;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.KdeMemory;

/// <summary>One (beta, dataset, key mode) run of the clustering sweep.</summary>
/// <param name="FixedKeys">False: normalised self-attention (keys move with the tokens); true: vMF mean-shift on the data.</param>
/// <param name="Clusters">Greedy cluster count after the updates.</param>
/// <param name="Ari">Adjusted Rand index of the greedy labels against the true vMF components.</param>
public sealed record ClusterPoint(double Beta, int Seed, bool FixedKeys, int Clusters, double Ari);

/// <summary>
/// Normalised self-attention as clustering on the sphere (digest 4.1): tokens from a mixture of K von Mises-Fisher
/// components are updated together by X &lt;- normalise(softmax(beta X X^T) X), which is mean-shift of a vMF kernel
/// density with concentration beta; the tokens collapse to the modes, and the modes left are counted. Small beta
/// (wide kernel) merges everything into one cluster, beta near the data's own concentration leaves one cluster per
/// component, and very large beta freezes the tokens where they are.
/// </summary>
public sealed class ClusteringSweep(AttentionClusteringConfig config, ulong seed, SummaryWriter tb, Action tick)
{
    /// <summary>Greedy cluster counts of the raw data per dataset (what an infinitely sharp kernel leaves).</summary>
    public List<int> RawCounts { get; } = new();

    public List<ClusterPoint> Run(CancellationToken cancel)
    {
        var points = new List<ClusterPoint>();
        for (int s = 0; s < config.Seeds; s++)
        {
            var data = VmfClusters.Generate(new VmfClustersConfig
            {
                Dim = config.Dim, Clusters = config.Clusters, Points = config.Points, Kappa = config.Kappa, Threads = 1,
            }, Rng.DeriveSeed(seed, $"vmf/{s}"));
            using Tensor x = tensor(data.Points, new long[] { config.Points, config.Dim });
            RawCounts.Add(AttentionClustering.CountClusters(x, config.CosineThreshold));
            foreach (double beta in config.Betas)
            {
                if (cancel.IsCancellationRequested)
                {
                    return points;
                }

                foreach (bool fixedKeys in new[] { false, true })
                {
                    using Tensor final = AttentionClustering.Run(x, beta, config.Steps, fixedKeys);
                    int[] labels = AttentionClustering.Assign(final, config.CosineThreshold);
                    int count = labels.DefaultIfEmpty(-1).Max() + 1;
                    double ari = ClusteringMetrics.AdjustedRandIndex(data.Labels, labels);
                    points.Add(new ClusterPoint(beta, s, fixedKeys, count, ari));
                    string mode = fixedKeys ? "mean_shift" : "attention";
                    tb.add_scalar($"clustering/{mode}/clusters/seed{s}", count, (long)Math.Round(beta * 100));
                    tb.add_scalar($"clustering/{mode}/ari/seed{s}", ari, (long)Math.Round(beta * 100));
                }

                tick();
            }
        }

        return points;
    }
}
