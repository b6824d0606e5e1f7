using Trainer.Models.Clustering;
using Trainer.Training.Config;

namespace Trainer.Training.Experiments.AmClustering;

/// <summary>Config of the <c>am-clustering</c> experiment (snake_case JSON keys).</summary>
[Description("Clustering associative memories (CLAM, CLAM+ELBO, CLAM+CRP+ELBO) on synthetic mixtures, beside sklearn")]
public sealed record AmClusteringConfig : IValidatable
{
    [Description("isotropic Gaussian mixtures (memories get beta = 1/sigma^2)")]
    public GaussianDataSection Gaussian { get; init; } = new();

    [Description("von Mises-Fisher mixtures on the unit sphere (CLAM: dot-product form, beta = kappa; Gaussian memories: beta = (d - 1) / (1 - A_d(kappa)^2))")]
    public VmfDataSection Vmf { get; init; } = new();

    [Description("data sets per (family, dim, K, separation or kappa): seeds 0 .. seeds-1")]
    [Range(1, 1000)]
    public int Seeds { get; init; } = 3;

    [Description("base seed of the data and of the models")]
    public long Seed { get; init; } = 1;

    [Description("CLAM: K memories (told K), Adam on the reconstruction loss")]
    public ClamSection Clam { get; init; } = new();

    [Description("CLAM+ELBO: Gaussian-mixture memories (told K), proportional assignment")]
    public ElboSection Elbo { get; init; } = new();

    [Description("CLAM+CRP+ELBO: memories created and retired under a CRP prior (not told K)")]
    public CrpSection Crp { get; init; } = new();

    [Description("python3-sklearn side by side on the same data")]
    public SklearnSection Sklearn { get; init; } = new();

    [Description("libtorch intra-op threads (0: leave as is)")]
    [Range(0, 1024)]
    public int Threads { get; init; } = 1;

    public IEnumerable<ValidationProblem> Validate()
    {
        if (Gaussian.Dims.Length * Gaussian.Components.Length * Gaussian.Separations.Length
            + Vmf.Dims.Length * Vmf.Components.Length * Vmf.Kappas.Length == 0)
        {
            yield return new ValidationProblem("gaussian", "no data sets", "at least one gaussian or vmf data set");
        }

        if (Gaussian.Components.Concat(Vmf.Components).Any(k => k > Math.Min(Gaussian.Points, Vmf.Points)))
        {
            yield return new ValidationProblem("gaussian.components", Gaussian.Components, "K <= points");
        }
    }
}

/// <summary>Gaussian mixtures: centres at least separation * std apart.</summary>
public sealed record GaussianDataSection
{
    [Description("dimensions d")]
    [Range(1, 4096)]
    public int[] Dims { get; init; } = [2];

    [Description("true numbers of components K")]
    [Range(1, 1000)]
    public int[] Components { get; init; } = [3, 6, 10];

    [Description("minimum distance between centres, in units of std")]
    [Range(0, 1000)]
    public double[] Separations { get; init; } = [2.5, 4, 6, 10];

    [Description("points per data set")]
    [Range(1, 10_000_000)]
    public int Points { get; init; } = 500;

    [Description("component standard deviation sigma")]
    [Range(0, 1e6, MinExclusive = true)]
    public double Std { get; init; } = 1;
}

/// <summary>von Mises-Fisher mixtures on the unit sphere, centres uniform.</summary>
public sealed record VmfDataSection
{
    [Description("ambient dimensions d (points on S^(d-1))")]
    [Range(2, 4096)]
    public int[] Dims { get; init; } = [3];

    [Description("true numbers of clusters K")]
    [Range(1, 1000)]
    public int[] Components { get; init; } = [3, 6];

    [Description("concentrations kappa")]
    [Range(0, 1e6, MinExclusive = true)]
    public double[] Kappas { get; init; } = [20, 100];

    [Description("points per data set")]
    [Range(1, 10_000_000)]
    public int Points { get; init; } = 500;
}

/// <summary>CLAM settings (beta comes from the data set).</summary>
public sealed record ClamSection
{
    [Description("unrolled retrieval steps T in the loss")]
    [Range(1, 1000)]
    public int Steps { get; init; } = 5;

    [Description("passes over the data")]
    [Range(0, 1_000_000)]
    public int Epochs { get; init; } = 100;

    [Description("points per Adam step (0: all)")]
    [Range(0, 10_000_000)]
    public int BatchSize { get; init; }

    [Description("Adam learning rate in units of the within-cluster std per direction (1/sqrt(beta))")]
    [Range(0, 10, MinExclusive = true)]
    public double LearningRate { get; init; } = 0.05;

    [Description("k-means++ restarts, the lowest loss kept")]
    [Range(1, 100)]
    public int Restarts { get; init; } = 3;
}

/// <summary>CLAM+ELBO settings.</summary>
public sealed record ElboSection
{
    [Description("em (closed-form E and M steps) or gradient (Adam on -ELBO)")]
    public ElboTraining Training { get; init; } = ElboTraining.Em;

    [Description("most EM iterations or Adam steps")]
    [Range(1, 1_000_000)]
    public int Iterations { get; init; } = 200;

    [Description("Adam learning rate (gradient training)")]
    [Range(0, 10, MinExclusive = true)]
    public double LearningRate { get; init; } = 0.05;

    [Description("learn the shared bandwidth 1/beta")]
    public bool LearnBeta { get; init; } = true;

    [Description("k-means++ restarts, the highest ELBO kept (EM is cheap: as many as KMeans's n_init)")]
    [Range(1, 100)]
    public int Restarts { get; init; } = 10;
}

/// <summary>CLAM+CRP+ELBO settings.</summary>
public sealed record CrpSection
{
    [Description("CRP concentration alpha (also sklearn's Dirichlet-process weight_concentration_prior)")]
    [Range(0, 1e9, MinExclusive = true)]
    public double Alpha { get; init; } = 1;

    [Description("map (MAP-DP) or gibbs (collapsed Gibbs, then MAP) seating")]
    public CrpSampling Sampling { get; init; } = CrpSampling.Map;

    [Description("split (2-means) and merge whole memories when the collapsed log posterior rises, between MAP stages")]
    public bool SplitMerge { get; init; } = true;

    [Description("most seating sweeps per stage")]
    [Range(1, 100_000)]
    public int Sweeps { get; init; } = 20;

    [Description("EM iterations of the ELBO refinement")]
    [Range(0, 1_000_000)]
    public int RefineIterations { get; init; } = 100;

    [Description("retire a memory whose expected count falls below this")]
    [Range(0, 1e9)]
    public double MinCount { get; init; } = 1;
}

/// <summary>The sklearn side (bench/python/clustering_sklearn.py).</summary>
public sealed record SklearnSection
{
    [Description("run KMeans, GaussianMixture and BayesianGaussianMixture on the same data when python3-sklearn is present")]
    public bool Enabled { get; init; } = true;

    [Description("python interpreter with sklearn (Debian's)")]
    public string Python { get; init; } = "/usr/bin/python3";

    [Description("path of clustering_sklearn.py (empty: bench/python/ found upwards from the working directory)")]
    public string Script { get; init; } = "";

    [Description("upper bound on BayesianGaussianMixture's components (it is not told K)")]
    [Range(1, 10_000)]
    public int BgmmMaxComponents { get; init; } = 20;

    [Description("give up on the script after this many seconds")]
    [Range(1, 1_000_000)]
    public int TimeoutSeconds { get; init; } = 3600;
}
