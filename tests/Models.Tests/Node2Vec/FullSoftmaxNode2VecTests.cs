using Trainer.Data.Graphs;
using Trainer.Models.Core;
using Trainer.Models.Node2Vec;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Node2Vec;

public sealed class FullSoftmaxNode2VecTests
{
    [Fact]
    public void Autograd_gradient_equals_the_closed_form()
    {
        manual_seed(2);
        // A path 0-1-2-3 plus an isolated node 4 (its row of A_hat is zero).
        Graph g = GraphBuilder.FromEdgeArray(5, [0, 1, 1, 2, 2, 3], directed: false);
        using var model = new FullSoftmaxNode2Vec(g, dim: 6);
        using (no_grad())
        {
            model.weight.mul_(0.3); // keep the softmax away from saturation
        }

        using Tensor loss = model.Loss();
        loss.backward();
        using Tensor expected = model.ClosedFormGradient();
        float[] a = model.weight.grad!.data<float>(), e = expected.data<float>();
        double max = a.Zip(e, (x, y) => Math.Abs((double)x - y)).Max();
        Assert.True(max < 1e-5, $"max |autograd - closed form| = {max:E2}");
        Assert.True(e.Max(Math.Abs) > 1e-2, "the check needs a non-trivial gradient");
    }

    [Fact]
    public void Loss_of_all_centres_in_a_batch_equals_the_full_loss()
    {
        manual_seed(4);
        using var model = new FullSoftmaxNode2Vec(GraphFamilies.Cycle(7), dim: 4);
        using var batch = new Batch(arange(7));
        using Tensor full = model.Loss(), batched = model.Loss(batch);
        Assert.Equal(full.item<float>(), batched.item<float>(), 4);
        using var half = new Batch(tensor(new long[] { 0, 1, 2 }));
        using Tensor part = model.Loss(half);
        Assert.True(part.item<float>() < full.item<float>());
    }

    [Fact]
    public void Full_batch_descent_lowers_the_loss_and_snapshots_every_k_epochs()
    {
        manual_seed(6);
        using var model = new FullSoftmaxNode2Vec(GraphFamilies.Grid(3, 3), dim: 16);
        FullSoftmaxRun run = model.Train(epochs: 100, lr: 0.01, snapshotEvery: 25);
        Assert.Equal(100, run.Losses.Count);
        Assert.True(run.Losses[^1] < 0.5 * run.Losses[0], $"loss {run.Losses[0]:F2} -> {run.Losses[^1]:F2}");
        Assert.Equal(new[] { 0, 25, 50, 75, 100 }, run.Snapshots.Select(s => s.Epoch).ToArray());
        using Tensor last = run.Snapshots[^1].ToTensor();
        Assert.Equal(new long[] { 9, 16 }, last.shape);
        using Tensor now = model.NodeEmbeddings();
        Assert.Equal(now.data<float>(), last.data<float>());
        Assert.Contains("FullSoftmaxNode2Vec(node_count=9, dim=16, self_edges=False)", model.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Path_star_neighbours_end_up_more_similar_than_random_pairs()
    {
        manual_seed(7);
        PathStarGraph star = PathStarGraph.Build(degree: 4, pathLength: 5);
        Graph g = star.Graph;
        using var model = new FullSoftmaxNode2Vec(g, dim: 100);
        double before = EdgeMinusOtherCosine(model, g);
        model.Train(epochs: 1000, lr: 0.01, snapshotEvery: 0);
        double after = EdgeMinusOtherCosine(model, g);
        Assert.True(Math.Abs(before) < 0.15, $"random init: edge - other cosine {before:F3}");
        Assert.True(after > 0.2, $"after training: mean cos over edges - mean cos over non-edges = {after:F3}");
    }

    // Mean cosine over edges minus mean cosine over distinct non-adjacent pairs.
    private static double EdgeMinusOtherCosine(FullSoftmaxNode2Vec model, Graph g)
    {
        using Tensor e = model.NodeEmbeddings();
        using Tensor unit = nn.functional.normalize(e, dim: 1);
        using Tensor cos = unit.matmul(unit.t());
        float[] c = cos.data<float>();
        int n = g.NodeCount;
        double edges = 0, others = 0;
        int ne = 0, no = 0;
        for (int u = 0; u < n; u++)
        {
            for (int v = u + 1; v < n; v++)
            {
                if (g.HasEdge(u, v))
                {
                    edges += c[u * n + v];
                    ne++;
                }
                else
                {
                    others += c[u * n + v];
                    no++;
                }
            }
        }

        return edges / ne - others / no;
    }
}
