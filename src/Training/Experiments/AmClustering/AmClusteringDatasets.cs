using Trainer.Data.Patterns;
using Trainer.Models.Clustering;

namespace Trainer.Training.Experiments.AmClustering;

/// <summary>
/// One synthetic mixture of the experiment.
/// </summary>
/// <param name="Name">e.g. <c>gaussian-d2-K6-sep4-s0</c>.</param>
/// <param name="Family"><c>gaussian</c> or <c>vmf</c>.</param>
/// <param name="K">True number of components.</param>
/// <param name="Dim">Dimension d.</param>
/// <param name="Parameter">Separation (Gaussian, in units of std) or kappa (vMF).</param>
/// <param name="Seed">Seed index 0 .. seeds-1.</param>
/// <param name="Points">(N, d) row-major.</param>
/// <param name="Labels">True component of each point.</param>
/// <param name="Centres">True centres (K, d) row-major.</param>
/// <param name="Beta">The memories' precision matching the data: 1/sigma^2 or kappa.</param>
/// <param name="Spread">Cluster spread: sigma, or 1/sqrt(kappa) on the sphere.</param>
public sealed record ClusteringDataset(string Name, string Family, int K, int Dim, double Parameter, int Seed, float[] Points,
    int[] Labels, double[] Centres, double Beta, double Spread)
{
    public int N => Labels.Length;

    public bool OnSphere => Family == AmClusteringDatasets.Vmf;
}

/// <summary>Builds the grid of data sets of an <see cref="AmClusteringConfig"/>, deterministic in its seed.</summary>
public static class AmClusteringDatasets
{
    public const string Gaussian = "gaussian";
    public const string Vmf = "vmf";

    public static List<ClusteringDataset> Build(AmClusteringConfig c)
    {
        var list = new List<ClusteringDataset>();
        for (int s = 0; s < c.Seeds; s++)
        {
            foreach (int d in c.Gaussian.Dims)
            {
                foreach (int k in c.Gaussian.Components)
                {
                    foreach (double sep in c.Gaussian.Separations)
                    {
                        list.Add(MakeGaussian(c, d, k, sep, s));
                    }
                }
            }

            foreach (int d in c.Vmf.Dims)
            {
                foreach (int k in c.Vmf.Components)
                {
                    foreach (double kappa in c.Vmf.Kappas)
                    {
                        list.Add(MakeVmf(c, d, k, kappa, s));
                    }
                }
            }
        }

        return list;
    }

    private static ClusteringDataset MakeGaussian(AmClusteringConfig c, int d, int k, double sep, int s)
    {
        string name = FormattableString.Invariant($"gaussian-d{d}-K{k}-sep{sep}-s{s}");
        var config = new GaussianMixtureDataConfig { Dim = d, Components = k, Points = c.Gaussian.Points, Std = c.Gaussian.Std, Separation = sep };
        var data = GaussianMixtureData.Generate(config, DataSeed(c, name));
        double std = c.Gaussian.Std;
        return new ClusteringDataset(name, Gaussian, k, d, sep, s, data.Points, data.Labels, data.Centres, 1 / (std * std), std);
    }

    private static ClusteringDataset MakeVmf(AmClusteringConfig c, int d, int k, double kappa, int s)
    {
        string name = FormattableString.Invariant($"vmf-d{d}-K{k}-kappa{kappa}-s{s}");
        var config = new VmfClustersConfig { Dim = d, Clusters = k, Points = c.Vmf.Points, Kappa = kappa, Threads = 1 };
        var data = VmfClusters.Generate(config, DataSeed(c, name));
        return new ClusteringDataset(name, Vmf, k, d, kappa, s, data.Points, data.Labels,
            data.Centres.Select(v => (double)v).ToArray(), kappa, 1 / Math.Sqrt(kappa));
    }

    /// <summary>A data set's seed: the base seed mixed with its name, so adding a data set leaves the others unchanged.</summary>
    public static ulong DataSeed(AmClusteringConfig c, string name) =>
        Trainer.Data.Randomness.Rng.DeriveSeed((ulong)c.Seed, name);
}
