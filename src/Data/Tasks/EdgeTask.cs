using Trainer.Data.Graphs;

namespace Trainer.Data.Tasks;

/// <summary>
/// Edge-memorisation examples for any graph (the tiny-graph experiments of paper digest 3.3): one example
/// <c>[EDGE] u -&gt; v</c> per stored arc (both directions of every undirected edge), sorted by (u, v), optionally
/// followed by self-edges <c>[EDGE] u -&gt; u</c>. Tokens use <see cref="PathStarVocabulary"/> (n + 9 ids).
/// </summary>
/// <remarks>
/// Example: the path 0 - 1 - 2 gives <c>[EDGE] 0 -&gt; 1</c>, <c>[EDGE] 1 -&gt; 0</c>, <c>[EDGE] 1 -&gt; 2</c>,
/// <c>[EDGE] 2 -&gt; 1</c>; with self-edges also <c>[EDGE] 0 -&gt; 0</c>, <c>[EDGE] 1 -&gt; 1</c>,
/// <c>[EDGE] 2 -&gt; 2</c>. Encoded, <c>[EDGE] 1 -&gt; 2</c> is inputs [10, 1], targets [-1, 2] ([EDGE] = 3 + 7).
/// </remarks>
public static class EdgeTask
{
    /// <summary>Edge examples of <paramref name="graph"/>; self-loops already in the graph are not repeated.</summary>
    public static TokenExample[] Build(Graph graph, bool selfEdges)
    {
        var vocab = new PathStarVocabulary(graph.NodeCount);
        var examples = new List<TokenExample>(graph.SlotCount + (selfEdges ? graph.NodeCount : 0));
        var arcs = graph.ArcList();
        for (int i = 0; i < arcs.Length; i += 2)
        {
            if (arcs[i] != arcs[i + 1])
            {
                examples.Add(PathStarTask.EdgeExample(vocab, arcs[i], arcs[i + 1]));
            }
        }
        for (int u = 0; u < graph.NodeCount; u++)
        {
            if (selfEdges || graph.HasEdge(u, u))
            {
                examples.Add(PathStarTask.EdgeExample(vocab, u, u));
            }
        }
        return examples.ToArray();
    }
}
