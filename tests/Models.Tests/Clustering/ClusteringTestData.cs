using Trainer.Data.Patterns;
using Trainer.Models.Clustering;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Clustering;

/// <summary>Small mixtures shared by the clustering tests.</summary>
internal static class ClusteringTestData
{
    /// <summary>A well-separated 2-D Gaussian mixture (sigma 1, centres at least 8 sigma apart).</summary>
    public static (Tensor Points, int[] Labels) Separated(int k = 3, int n = 150, int dim = 2, double separation = 8, ulong seed = 1)
    {
        var data = GaussianMixtureData.Generate(
            new GaussianMixtureDataConfig { Dim = dim, Components = k, Points = n, Separation = separation }, seed);
        return (tensor(data.Points, [n, dim]), data.Labels);
    }

    /// <summary>Concentrated von Mises-Fisher clusters on S^2.</summary>
    public static (Tensor Points, int[] Labels) Vmf(int k = 3, int n = 150, double kappa = 50, ulong seed = 2)
    {
        var data = VmfClusters.Generate(new VmfClustersConfig { Dim = 3, Clusters = k, Points = n, Kappa = kappa, Threads = 1 }, seed);
        return (tensor(data.Points, [n, 3]), data.Labels);
    }
}
