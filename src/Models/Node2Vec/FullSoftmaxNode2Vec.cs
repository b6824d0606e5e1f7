using Trainer.Data.Graphs;
using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Node2Vec;

/// <summary>Node embeddings E (n, d) after some epochs, copied out as row-major floats.</summary>
public sealed record EmbeddingSnapshot(int Epoch, float[] Values, int Rows, int Dim)
{
    /// <summary>The snapshot as a (rows, dim) tensor.</summary>
    public Tensor ToTensor() => tensor(Values, new long[] { Rows, Dim });
}

/// <summary>A full-batch gradient-descent run: the loss before each epoch's step and the snapshots taken.</summary>
public sealed record FullSoftmaxRun(IReadOnlyList<double> Losses, IReadOnlyList<EmbeddingSnapshot> Snapshots);

/// <summary>
/// The tied Node2Vec of the tiny-graph experiments in "Deep sequence models tend to memorize geometrically"
/// (Noroozizadeh et al. 2025, digest 3.3): one table E (n, d), E ~ N(0, 1), and the full-softmax objective over
/// every node's neighbourhood
/// <code>
///   L(E) = sum_u mean_{v in N(u)} -log softmax_w(e_u . e_w)[v]      (w over all nodes)
/// </code>
/// trained by plain full-batch gradient descent E -= lr * grad L (lr 0.01, 10^4 epochs, a snapshot every 25).
/// In matrix form, with S = E E^T, A_hat = D^-1 A (rows of isolated nodes zero) and m_u = 1 if deg(u) > 0:
/// L = -sum(A_hat o log_softmax(S)) and grad L = (G + G^T) E with G = diag(m) softmax(S) - A_hat.
/// As an <see cref="ITrainable"/>, a batch's Input lists the centre nodes u (B) int64 whose terms are summed.
/// </summary>
public sealed class FullSoftmaxNode2Vec : Module, ITrainable, INodeEmbeddings
{
    private readonly Tensor _targets;

    /// <param name="graph">The graph; N(u) is u's stored neighbours (both directions of an undirected edge).</param>
    /// <param name="dim">Embedding dimension d (the paper: 100).</param>
    /// <param name="selfEdges">Add u to its own neighbourhood (the "self-edges" variant).</param>
    public FullSoftmaxNode2Vec(Graph graph, int dim = 100, bool selfEdges = false)
    {
        if (dim < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), dim, "dim must be >= 1");
        }

        NodeCount = graph.NodeCount;
        Dim = dim;
        SelfEdges = selfEdges;
        _targets = NeighbourDistribution(graph, selfEdges);
        register_buffer("targets", _targets, persistent: false);
        using (no_grad())
        {
            using Tensor init = randn(NodeCount, dim);
            weight = new Parameter(init);
        }
    }

    public int NodeCount { get; }

    public int Dim { get; }

    public bool SelfEdges { get; }

    /// <summary>The table E, (n, d).</summary>
    public Parameter weight { get; }

    /// <summary>A_hat = D^-1 A: row u is the uniform law over N(u) (zero for isolated nodes), (n, n).</summary>
    public Tensor Targets => _targets;

    Module ITrainable.Module => this;

    /// <summary>L over all nodes.</summary>
    public Tensor Loss()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor logp = weight.matmul(weight.t()).log_softmax(1); // (n, n)
        return scope.MoveToOuter(_targets.mul(logp).sum().neg());
    }

    /// <summary>The terms of L for the centre nodes in batch.Input (B) int64 (all nodes when Input is empty).</summary>
    public Tensor Loss(Batch batch)
    {
        if (batch.Input.numel() == 0)
        {
            return Loss();
        }

        using DisposeScope scope = NewDisposeScope();
        Tensor centres = batch.Input.@long().reshape(-1); // (B)
        Tensor logp = weight.index_select(0, centres).matmul(weight.t()).log_softmax(1); // (B, n)
        return scope.MoveToOuter(_targets.index_select(0, centres).mul(logp).sum().neg());
    }

    /// <summary>"loss" of the batch's centres, without gradients.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(Batch batch)
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        return new Dictionary<string, double> { ["loss"] = Loss(batch).item<float>() };
    }

    /// <summary>grad L in closed form, (G + G^T) E (see the class summary); for checks.</summary>
    public Tensor ClosedFormGradient()
    {
        using DisposeScope scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor hasNeighbours = _targets.sum(1, keepdim: true).gt(0).to(weight.dtype); // (n, 1)
        Tensor g = weight.matmul(weight.t()).softmax(1).mul(hasNeighbours).sub(_targets); // (n, n)
        return scope.MoveToOuter(g.add(g.t()).matmul(weight)); // (n, d)
    }

    /// <summary>
    /// Plain full-batch gradient descent E -= lr * grad L for <paramref name="epochs"/> epochs; snapshots E at epoch 0
    /// and after every <paramref name="snapshotEvery"/> epochs (0 = none but the last).
    /// </summary>
    public FullSoftmaxRun Train(int epochs = 10_000, double lr = 0.01, int snapshotEvery = 25)
    {
        var losses = new List<double>(epochs);
        var snapshots = new List<EmbeddingSnapshot> { Snapshot(0) };
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            using (DisposeScope scope = NewDisposeScope())
            {
                weight.grad = null;
                Tensor loss = Loss();
                loss.backward();
                losses.Add(loss.item<float>());
                using (no_grad())
                {
                    weight.sub_(weight.grad!.mul(lr));
                }
            }

            if ((snapshotEvery > 0 && epoch % snapshotEvery == 0) || (snapshotEvery == 0 && epoch == epochs))
            {
                snapshots.Add(Snapshot(epoch));
            }
        }

        weight.grad = null;
        return new FullSoftmaxRun(losses, snapshots);
    }

    /// <summary>E, (n, d), a detached copy.</summary>
    public Tensor NodeEmbeddings()
    {
        using var noGrad = no_grad();
        return weight.detach().clone();
    }

    private EmbeddingSnapshot Snapshot(int epoch) => new(epoch, weight.data<float>(), NodeCount, Dim);

    private static Tensor NeighbourDistribution(Graph graph, bool selfEdges)
    {
        int n = graph.NodeCount;
        var a = new float[n * n];
        for (int u = 0; u < n; u++)
        {
            ReadOnlySpan<int> nbrs = graph.Neighbors(u);
            bool addSelf = selfEdges && !graph.HasEdge(u, u);
            int count = nbrs.Length + (addSelf ? 1 : 0);
            foreach (int v in nbrs)
            {
                a[u * n + v] = 1f / count;
            }

            if (addSelf)
            {
                a[u * n + u] = 1f / count;
            }
        }

        return tensor(a, new long[] { n, n });
    }

    protected override string ExtraRepr() => $"node_count={NodeCount}, dim={Dim}, self_edges={(SelfEdges ? "True" : "False")}";
}
