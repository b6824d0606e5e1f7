using System.Diagnostics;
using Trainer.Models.Clustering;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.AmClustering;

/// <summary>One method on one data set.</summary>
/// <param name="Method">CLAM, CLAM+ELBO, CLAM+CRP+ELBO, or sklearn's KMeans, GaussianMixture, BayesianGaussianMixture.</param>
/// <param name="ToldK">Whether the method was given the true K.</param>
/// <param name="Memories">Memories (components) that own at least one point under the hard assignment.</param>
/// <param name="Elbo">Mean log-likelihood per point of the fitted mixture (the ELBO at its optimal q); NaN when none.</param>
public sealed record MethodResult(ClusteringDataset Data, string Method, bool ToldK, double Ari, double Nmi, int Memories, double Elbo, double Seconds);

/// <summary>Hard labels and memory locations of one method on one data set (for the scatter plots).</summary>
/// <param name="Confidence">max_k r_k(x) per point for the proportional (ELBO) assignments; null for CLAM.</param>
public sealed record Assignment(string Method, int[] Labels, double[] Memories, double[]? Confidence = null);

/// <summary>What the CRP variant did on one data set.</summary>
public sealed record CrpTrace(ClusteringDataset Data, IReadOnlyList<int> MemoriesPerSweep, int AfterSweeps, int AfterRefinement, int Retired, double Beta);

/// <summary>Runs the three associative-memory clusterers on a data set and scores them against the true labels.</summary>
public static class AmClusteringRunner
{
    public const string Clam = "CLAM";
    public const string Elbo = "CLAM+ELBO";
    public const string Crp = "CLAM+CRP+ELBO";

    public static IReadOnlyList<string> Ours { get; } = [Clam, Elbo, Crp];

    public static (List<MethodResult> Results, List<Assignment> Assignments, CrpTrace Trace) Run(ClusteringDataset ds, AmClusteringConfig c)
    {
        using Tensor x = tensor(ds.Points, [ds.N, ds.Dim]);
        ulong seed = AmClusteringDatasets.DataSeed(c, ds.Name + "/model");
        var results = new List<MethodResult>();
        var assignments = new List<Assignment>();

        var clock = Stopwatch.StartNew();
        using var clam = new ClusteringAssociativeMemory(new ClamConfig
        {
            Memories = ds.K, Dim = ds.Dim, Beta = ds.OnSphere ? ds.SphereBeta : ds.Beta, Steps = c.Clam.Steps, Epochs = c.Clam.Epochs, BatchSize = c.Clam.BatchSize,
            LearningRate = c.Clam.LearningRate * ds.Spread, Restarts = c.Clam.Restarts, Seed = seed,
            Geometry = ds.OnSphere ? MemoryGeometry.Sphere : MemoryGeometry.Euclidean,
        });
        clam.Fit(x);
        int[] clamLabels = clam.Assign(x);
        double clamSeconds = clock.Elapsed.TotalSeconds;
        using (Tensor xi = clam.EffectiveMemories())
        {
            results.Add(Score(ds, Clam, true, clamLabels, clam.Elbo(x), clamSeconds));
            assignments.Add(new Assignment(Clam, clamLabels, xi.data<double>()));
        }

        clock.Restart();
        using var elbo = new ElboClusteringMemory(new ElboConfig
        {
            Memories = ds.K, Dim = ds.Dim, Beta = ds.Beta, LearnBeta = c.Elbo.LearnBeta, Training = c.Elbo.Training,
            Iterations = c.Elbo.Iterations, LearningRate = c.Elbo.LearningRate * ds.Spread, Restarts = c.Elbo.Restarts, Seed = seed,
        });
        ElboFit elboFit = elbo.Fit(x);
        int[] elboLabels = elbo.Assign(x);
        results.Add(Score(ds, Elbo, true, elboLabels, elboFit.FinalElbo, clock.Elapsed.TotalSeconds));
        using (Tensor r = elbo.Responsibilities(x))
        using (Tensor top = r.amax(1))
        {
            assignments.Add(new Assignment(Elbo, elboLabels, elbo.Memories.data<double>(), top.data<double>()));
        }

        clock.Restart();
        using var crp = new CrpClusteringMemory(new CrpConfig
        {
            Dim = ds.Dim, Alpha = c.Crp.Alpha, Beta = ds.Beta, Sampling = c.Crp.Sampling, Sweeps = c.Crp.Sweeps, SplitMerge = c.Crp.SplitMerge,
            RefineIterations = c.Crp.RefineIterations, MinCount = c.Crp.MinCount, Seed = seed,
        });
        CrpFit crpFit = crp.Fit(x);
        int[] crpLabels = crp.Assign(x);
        results.Add(Score(ds, Crp, false, crpLabels, crpFit.FinalElbo, clock.Elapsed.TotalSeconds));
        assignments.Add(new Assignment(Crp, crpLabels, crp.Mixture!.Memories.data<double>()));
        var trace = new CrpTrace(ds, crpFit.MemoriesPerSweep, crpFit.MemoriesAfterSweeps, crpFit.Memories, crpFit.Retired, crp.Mixture.Beta);
        return (results, assignments, trace);
    }

    private static MethodResult Score(ClusteringDataset ds, string method, bool toldK, int[] labels, double elbo, double seconds) =>
        new(ds, method, toldK, ClusteringMetrics.AdjustedRandIndex(ds.Labels, labels), ClusteringMetrics.NormalizedMutualInfo(ds.Labels, labels),
            ClusteringMetrics.DistinctLabels(labels), elbo, seconds);
}
