using Trainer.Data.Graphs;
using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

/// <summary>The probes tell a Laplacian-eigenvector embedding (geometric by construction) from a Gaussian one.</summary>
public class GeometricVsRandomTests
{
    public static TheoryData<string> Graphs => new() { "path_star", "grid" };

    private static Graph Build(string name) => name == "grid" ? GraphFamilies.Grid(6, 6) : SyntheticEmbeddings.PathStar();

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Laplacian_eigenvectors_are_judged_geometric_and_a_gaussian_embedding_associative(string name)
    {
        Graph graph = Build(name);
        int m = (graph.NodeCount - 1) / 4;
        ProbeResults geometric = ProbeSuite.Run(new ProbeSubject { Embedding = SyntheticEmbeddings.Laplacian(graph, 4), Graph = graph });
        ProbeResults random = ProbeSuite.Run(new ProbeSubject { Embedding = SyntheticEmbeddings.Gaussian(graph.NodeCount, 4, seed: 11), Graph = graph });

        double chance = (double)m / (graph.NodeCount - 1);
        Assert.True(geometric.Spectral!.Smooth25 > 0.9, $"smooth25 of the Laplacian embedding {geometric.Spectral.Smooth25}");
        Assert.True(random.Spectral!.Smooth25 < chance + 0.25, $"smooth25 of the Gaussian embedding {random.Spectral.Smooth25} (chance {chance})");
        Assert.True(geometric.Spectral.Smooth25 - random.Spectral.Smooth25 > 0.4);

        Assert.True(geometric.GeometricLevel!.EdgeCos > 0.6, $"edge cos {geometric.GeometricLevel.EdgeCos}");
        Assert.True(geometric.GeometricLevel.Excess - random.GeometricLevel!.Excess > 0.5);
        Assert.True(Math.Abs(random.GeometricLevel.Excess) < 0.25, $"random cos gap {random.GeometricLevel.Excess}");

        Assert.True(geometric.Distance!.Spearman > 0.6, $"Spearman {geometric.Distance.Spearman}");
        Assert.True(Math.Abs(random.Distance!.Spearman) < 0.2, $"random Spearman {random.Distance.Spearman}");

        Assert.Equal(Verdict.Geometric, geometric.Verdict.Label);
        Assert.Equal(Verdict.Associative, random.Verdict.Label);
        Assert.All(geometric.Verdict.Signals, s => Assert.True(s.Geometric, s.Name));
        Assert.All(random.Verdict.Signals, s => Assert.False(s.Geometric, s.Name));
    }

    [Fact]
    public void The_random_control_sits_at_chance_and_its_spread_enters_the_thresholds()
    {
        Graph graph = SyntheticEmbeddings.PathStar();
        ProbeResults r = ProbeSuite.Run(new ProbeSubject { Embedding = SyntheticEmbeddings.Laplacian(graph, 4), Graph = graph });
        SpectralResult s = r.Spectral!;
        Assert.Equal(16, s.ControlSmooth25.Draws);
        Assert.InRange(s.ControlSmooth25.Mean, s.Chance - 0.06, s.Chance + 0.06);
        Assert.True(s.ControlSmooth25.Sd > 0);
        VerdictSignal smooth = r.Verdict.Signals.Single(x => x.Name == "smooth25");
        var rule = new VerdictRule();
        Assert.Equal(s.ControlSmooth25.Mean + Math.Max(rule.MinSmoothExcess, rule.ControlSigmas * s.ControlSmooth25.Sd), smooth.Threshold, 12);
    }

    [Fact]
    public void Geometric_on_one_signal_only_is_mixed()
    {
        Graph graph = SyntheticEmbeddings.PathStar();
        ProbeResults r = ProbeSuite.Run(new ProbeSubject { Embedding = SyntheticEmbeddings.Laplacian(graph, 4), Graph = graph });
        var strict = new VerdictRule { MinCosineExcess = 10, MinSpearmanExcess = 10 };
        Assert.Equal(Verdict.Mixed, Verdict.Judge(strict, r.Spectral, r.GeometricLevel, r.Distance).Label);
        Assert.Equal(Verdict.Unknown, Verdict.Judge(strict, null, null, null).Label);
    }
}
