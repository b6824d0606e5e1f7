using System.Diagnostics;
using Trainer.Training.Logging;
using Trainer.Training.Progress;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.KdeMemory;

/// <summary>
/// <c>trainer experiment kde-memory</c> ("Bridging Associative Memory and Probabilistic Modeling", Schaeffer et al.,
/// 2024; paper digest 4.1 and 4.3): (1) capacity of the Gaussian KDE memory on the sphere against the spherical
/// threshold N_max ~ exp(d alpha_1^S(beta)), with its growth in d; (2) clustering of von Mises-Fisher data by normalised
/// self-attention against beta (clusters left, ARI against the true components). TensorBoard scalars:
/// <c>kde_capacity/d&lt;d&gt;/beta_&lt;beta&gt;/{stored,one_step}</c> (step = round(1000 alpha)) and
/// <c>clustering/{attention,mean_shift}/{clusters,ari}/seed&lt;s&gt;</c> (step = round(100 beta)).
/// </summary>
public sealed class KdeMemoryExperiment : IExperiment
{
    public string Name => "kde-memory";

    public string Description => "Gaussian KDE memory capacity on the sphere vs alpha_1^S, and vMF clustering by normalised attention vs beta (Schaeffer et al.)";

    public Type ConfigType => typeof(KdeMemoryConfig);

    public object DefaultConfig(string scale) => scale == "large" ? Large : new KdeMemoryConfig();

    /// <summary>Bigger sweep for a bigger machine.</summary>
    public static KdeMemoryConfig Large => new()
    {
        Capacity = new KdeCapacityConfig
        {
            Dims = [6, 8, 10, 12, 14, 16, 18], Betas = [0.5, 1, 2, 4], AlphaStep = 0.025, MaxPatterns = 1L << 22, Queries = 256, MaxSteps = 50,
        },
        Clustering = new AttentionClusteringConfig
        {
            Dim = 32, Clusters = 8, Points = 1000, Kappa = 400, Seeds = 10,
            Betas = [0.3, 1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 2000],
        },
        Threads = 0,
    };

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (KdeMemoryConfig)config;
        if (c.Threads > 0)
        {
            set_num_threads(c.Threads);
        }

        var clock = Stopwatch.StartNew();
        using var tb = new SummaryWriter(context.Run.Path);
        int total = (c.Capacity.Enabled ? c.Capacity.Dims.Sum(d => KdeCapacitySweep.PatternCounts(c.Capacity, d).Count) : 0)
            + (c.Clustering.Enabled ? c.Clustering.Seeds * c.Clustering.Betas.Length : 0);
        int done = 0;
        void Tick() => context.Progress.Report(new ProgressUpdate(++done, total));

        var kde = new KdeCapacitySweep(c.Capacity, (ulong)c.Seed, tb, Tick);
        var capacity = c.Capacity.Enabled ? kde.Run(context.Cancel) : new List<KdePoint>();
        var thresholds = KdeMemoryReport.Thresholds(capacity);
        foreach (var t in thresholds)
        {
            tb.add_scalar($"kde_alpha50/beta_{t.Beta:G4}/stored", t.Stored, t.Dim);
            tb.add_scalar($"kde_alpha50/beta_{t.Beta:G4}/alpha1", t.Alpha1, t.Dim);
        }

        var clustering = new ClusteringSweep(c.Clustering, (ulong)c.Seed, tb, Tick);
        var clusterPoints = c.Clustering.Enabled ? clustering.Run(context.Cancel) : new List<ClusterPoint>();
        var summaries = KdeMemoryReport.Summaries(clusterPoints, c.Clustering.Clusters);
        tb.flush();
        context.Progress.Log($"kde-memory: {capacity.Count} capacity points, {clusterPoints.Count} clustering runs in {clock.Elapsed.TotalSeconds:F1} s");
        return KdeMemoryReport.Build(c, capacity, thresholds, kde.IdentityError, summaries, clustering.RawCounts, clock.Elapsed.TotalSeconds);
    }
}
