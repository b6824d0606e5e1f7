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
/// <param name="Beta">
/// Precision of a Gaussian memory matching the data's within-cluster variance per direction: 1/sigma^2, or on the
/// sphere (d - 1) / (1 - A_d(kappa)^2): a vMF cluster has E||x - A mu||^2 = 1 - A^2 around its mean A mu, spread over
/// the d - 1 tangent directions (about 1/kappa each when kappa &gt;&gt; d).
/// </param>
/// <param name="SphereBeta">beta of the dot-product form on the sphere: kappa (NaN for Gaussian data).</param>
public sealed record ClusteringDataset(string Name, string Family, int K, int Dim, double Parameter, int Seed, float[] Points,
    int[] Labels, double[] Centres, double Beta, double SphereBeta)
{
    public int N => Labels.Length;

    /// <summary>Within-cluster standard deviation per coordinate, 1/sqrt(beta).</summary>
    public double Spread => 1 / Math.Sqrt(Beta);

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
        return new ClusteringDataset(name, Gaussian, k, d, sep, s, data.Points, data.Labels, data.Centres, 1 / (std * std), double.NaN);
    }

    private static ClusteringDataset MakeVmf(AmClusteringConfig c, int d, int k, double kappa, int s)
    {
        string name = FormattableString.Invariant($"vmf-d{d}-K{k}-kappa{kappa}-s{s}");
        var config = new VmfClustersConfig { Dim = d, Clusters = k, Points = c.Vmf.Points, Kappa = kappa, Threads = 1 };
        var data = VmfClusters.Generate(config, DataSeed(c, name));
        double a = MeanResultant(d, kappa);
        return new ClusteringDataset(name, Vmf, k, d, kappa, s, data.Points, data.Labels,
            data.Centres.Select(v => (double)v).ToArray(), (d - 1) / (1 - (a * a)), kappa);
    }

    /// <summary>
    /// Mean resultant length A_d(kappa) = E[x . mu] = I_{d/2}(kappa) / I_{d/2-1}(kappa) of vMF(mu, kappa) on S^(d-1), by
    /// backward recurrence of the continued fraction I_nu / I_(nu-1) = 1 / (2 nu / kappa + I_(nu+1) / I_nu).
    /// For large kappa, 1 - A^2 ~ (d - 1) / kappa; for d = 3, A = coth(kappa) - 1/kappa.
    /// </summary>
    public static double MeanResultant(int d, double kappa)
    {
        double nu = d / 2.0;
        int terms = 200 + (int)(2 * kappa);
        double r = 0;
        for (int m = terms; m >= 0; m--)
        {
            r = 1 / ((2 * (nu + m) / kappa) + r);
        }

        return r;
    }

    /// <summary>A data set's seed: the base seed mixed with its name, so adding a data set leaves the others unchanged.</summary>
    public static ulong DataSeed(AmClusteringConfig c, string name) =>
        Trainer.Data.Randomness.Rng.DeriveSeed((ulong)c.Seed, name);
}
