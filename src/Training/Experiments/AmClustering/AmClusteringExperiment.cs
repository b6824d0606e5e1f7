using System.Diagnostics;
using Trainer.Training.Progress;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.AmClustering;

/// <summary>
/// <c>trainer experiment am-clustering</c>: clustering associative memories ("Bridging Associative Memory and
/// Probabilistic Modeling", Schaeffer et al. 2024, contribution 2; paper digest 4.1) on synthetic Gaussian and von
/// Mises-Fisher mixtures of known K, varied separation and K. Our CLAM (told K), CLAM+ELBO (told K) and CLAM+CRP+ELBO
/// (learns K) are scored by ARI, NMI, memories found and ELBO, beside python3-sklearn's KMeans, GaussianMixture and
/// BayesianGaussianMixture (Dirichlet-process prior) on the same points when sklearn is installed. Writes report.html
/// (tables, a 2-D scatter coloured by each assignment with its memories marked, ARI and K curves), report.md and
/// results.json.
/// </summary>
public sealed class AmClusteringExperiment : IExperiment
{
    public string Name => "am-clustering";

    public string Description => "Associative memories that cluster: CLAM, CLAM+ELBO, CLAM+CRP+ELBO vs sklearn on synthetic mixtures (ARI, NMI, K)";

    public Type ConfigType => typeof(AmClusteringConfig);

    public object DefaultConfig(string scale) => scale == "large" ? Large : new AmClusteringConfig();

    /// <summary>The large sweep for a bigger machine: 5000 points, d up to 16, K up to 12, three seeds.</summary>
    public static AmClusteringConfig Large => new()
    {
        Gaussian = new GaussianDataSection { Dims = [2, 10], Components = [3, 6, 12], Separations = [2, 3, 4, 6, 10], Points = 5000 },
        Vmf = new VmfDataSection { Dims = [3, 16], Components = [3, 6, 12], Kappas = [10, 30, 100], Points = 5000 },
        Seeds = 3,
        Clam = new ClamSection { Epochs = 60, BatchSize = 500 },
        Sklearn = new SklearnSection { BgmmMaxComponents = 30 },
    };

    public ExperimentReport Execute(object config, ExperimentContext context)
    {
        var c = (AmClusteringConfig)config;
        if (c.Threads > 0)
        {
            set_num_threads(c.Threads);
        }

        var clock = Stopwatch.StartNew();
        List<ClusteringDataset> data = AmClusteringDatasets.Build(c);
        ClusteringDataset? scatter = PickScatter(c, data);
        var ours = new List<MethodResult>();
        var traces = new List<CrpTrace>();
        var scatterAssignments = new List<Assignment>();
        bool stopped = false;
        for (int i = 0; i < data.Count; i++)
        {
            if (context.Cancel.IsCancellationRequested)
            {
                stopped = true;
                break;
            }

            var (results, assignments, trace) = AmClusteringRunner.Run(data[i], c);
            ours.AddRange(results);
            traces.Add(trace);
            if (data[i] == scatter)
            {
                scatterAssignments = assignments;
            }

            context.Progress.Report(new ProgressUpdate(i + 1, data.Count + 1));
        }

        var clustered = data.Take(traces.Count).ToList();
        SklearnSideBySide.Outcome sk = stopped
            ? new SklearnSideBySide.Outcome([], "the run was stopped before it", null)
            : SklearnSideBySide.Run(c.Sklearn, c.Crp.Alpha, clustered, context.Run.Path, context.Cancel);
        context.Progress.Report(new ProgressUpdate(data.Count + 1, data.Count + 1));
        context.Progress.Log(sk.WhyNot is null ? $"sklearn {sk.Version}: {sk.Results.Count} results" : "sklearn not run: " + sk.WhyNot);
        var run = new AmClusteringRun(c, clustered, ours, sk, traces, scatterAssignments.Count > 0 ? scatter : null, scatterAssignments,
            clock.Elapsed.TotalSeconds, stopped);
        return AmClusteringReport.Build(run);
    }

    /// <summary>The 2-D Gaussian data set of seed 0 with the largest K and the middle separation (lower middle of an even list).</summary>
    public static ClusteringDataset? PickScatter(AmClusteringConfig c, IReadOnlyList<ClusteringDataset> data)
    {
        var candidates = data.Where(d => d.Family == AmClusteringDatasets.Gaussian && d.Dim == 2 && d.Seed == 0).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        int k = candidates.Max(d => d.K);
        var seps = candidates.Where(d => d.K == k).Select(d => d.Parameter).Distinct().Order().ToList();
        double sep = seps[(seps.Count - 1) / 2];
        return candidates.First(d => d.K == k && d.Parameter == sep);
    }
}
