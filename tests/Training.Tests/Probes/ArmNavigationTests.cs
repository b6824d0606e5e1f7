using Trainer.Data.Graphs;
using Trainer.Data.Randomness;
using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

public class ArmNavigationTests
{
    // Arm a points along axis a; depth k sits at distance k from the root (a star drawn with straight arms).
    private static EmbeddingMatrix StraightArms(NodeRoles roles, int arms)
    {
        int n = roles.Arm.Length;
        var v = new double[n * arms];
        for (int u = 0; u < n; u++)
        {
            if (roles.Arm[u] >= 0)
            {
                v[(u * arms) + roles.Arm[u]] = roles.Depth[u];
            }
        }

        return new EmbeddingMatrix(v, n, arms);
    }

    [Fact]
    public void Leaves_of_straight_arms_find_their_own_arm()
    {
        Graph graph = SyntheticEmbeddings.PathStar(5, 6);
        NodeRoles roles = NodeRoles.Of(graph);
        ArmNavigationResult r = new ArmNavigationProbe().Run(StraightArms(roles, 5), roles)!;
        Assert.Equal(5, r.Leaves);
        Assert.Equal(5, r.Arms);
        Assert.Equal(1.0, r.ArmMeanAccuracy);
        Assert.Equal(1.0, r.NearestNodeAccuracy);
        Assert.Equal(0.2, r.Chance, 12);
        Assert.True(r.ControlArmMean.Mean < 0.7, $"control {r.ControlArmMean.Mean}");
    }

    [Fact]
    public void Leaves_moved_onto_the_next_arm_are_all_wrong()
    {
        Graph graph = SyntheticEmbeddings.PathStar(4, 5);
        NodeRoles roles = NodeRoles.Of(graph);
        EmbeddingMatrix straight = StraightArms(roles, 4);
        double[] v = straight.Values.ToArray();
        foreach (int leaf in roles.Leaves())
        {
            Array.Clear(v, leaf * 4, 4);
            v[(leaf * 4) + ((roles.Arm[leaf] + 1) % 4)] = roles.Depth[leaf];
        }

        ArmNavigationResult r = new ArmNavigationProbe().Run(new EmbeddingMatrix(v, straight.Rows, 4), roles, roles.Leaves())!;
        Assert.Equal(0.0, r.ArmMeanAccuracy);
        Assert.Equal(0.0, r.NearestNodeAccuracy);
    }

    [Fact]
    public void Graphs_without_arms_skip_the_probe()
    {
        Graph grid = GraphFamilies.Grid(4, 4);
        NodeRoles roles = NodeRoles.Of(grid);
        Assert.False(roles.HasArms);
        Assert.Null(new ArmNavigationProbe().Run(SyntheticEmbeddings.Gaussian(16, 3, 1), roles));
    }

    [Fact]
    public void Roles_are_read_off_the_graph_even_with_permuted_ids()
    {
        NodeRoles plain = NodeRoles.Of(PathStarGraph.Build(2, 3).Graph);
        Assert.Equal(0, plain.Root);
        Assert.Equal([-1, 0, 0, 1, 1], plain.Arm);
        Assert.Equal([0, 1, 2, 1, 2], plain.Depth);
        Assert.Equal([2, 4], plain.Leaves());

        PathStarGraph star = PathStarGraph.Build(3, 4, idRng: new Rng(99));
        NodeRoles roles = NodeRoles.Of(star.Graph);
        Assert.Equal(star.Root, roles.Root);
        for (int p = 0; p < star.PathCount; p++)
        {
            ReadOnlySpan<int> path = star.Path(p);
            for (int k = 1; k < path.Length; k++)
            {
                Assert.Equal(k, roles.Depth[path[k]]);
                Assert.Equal(roles.Arm[path[1]], roles.Arm[path[k]]);
            }
        }

        Assert.Equal(3, roles.Arm.Where(a => a >= 0).Distinct().Count());
    }
}
