using Trainer.Data.Graphs;
using Trainer.Data.Tasks;

namespace Trainer.Training.Probes;

/// <summary>Result of <see cref="PathGenerationProbe"/>.</summary>
/// <param name="Examples">Path examples generated.</param>
/// <param name="SequenceAccuracy">Share of examples whose whole generated target is exact.</param>
/// <param name="TokenAccuracy">Share of target positions generated right.</param>
/// <param name="ChildAccuracy">Share of positions t &gt;= 1 whose token is a graph child of the generated token t - 1.</param>
/// <param name="TokenAccuracyByPosition">Token accuracy per target position.</param>
public sealed record PathGenerationResult(int Examples, double SequenceAccuracy, double TokenAccuracy, double ChildAccuracy, double[] TokenAccuracyByPosition);

/// <summary>
/// Path-star evaluation by greedy generation (paper section 3.2): for each path example (prompt
/// <c>[PATH] leaf [PAUSE]</c>, target <c>root n1 ... leaf</c>), the model generates as many tokens as the target
/// has; sequence accuracy (whole path exact), per-token accuracy and "child" accuracy (generated token t is a child
/// of generated token t - 1: an edge leading one hop further from the root; without depths, any edge) are averaged.
/// The model enters as a generator <c>(prompt, maxNew) -&gt; maxNew new tokens</c>, so any decoder can be probed.
/// </summary>
public static class PathGenerationProbe
{
    /// <param name="generate">Greedy generator: the prompt and a token budget in, the new tokens out.</param>
    /// <param name="examples">Path examples (prompt, full target path).</param>
    /// <param name="graph">The graph whose node ids are the node tokens.</param>
    /// <param name="depth">Hop distance from the root per node (for "child"); null to accept any edge.</param>
    public static PathGenerationResult Run(
        Func<long[], int, long[]> generate,
        IReadOnlyList<TokenExample> examples,
        Graph graph,
        IReadOnlyList<int>? depth = null)
    {
        int maxLen = examples.Count == 0 ? 0 : examples.Max(x => x.Target.Length);
        var rightAt = new int[maxLen];
        var seenAt = new int[maxLen];
        int exact = 0;
        int tokens = 0;
        int right = 0;
        int childTokens = 0;
        int children = 0;
        foreach (TokenExample x in examples)
        {
            long[] prompt = Array.ConvertAll(x.Prompt, t => (long)t);
            long[] output = generate(prompt, x.Target.Length);
            if (output.Length != x.Target.Length)
            {
                throw new InvalidOperationException($"the generator returned {output.Length} tokens for a budget of {x.Target.Length}");
            }

            bool all = true;
            for (int t = 0; t < output.Length; t++)
            {
                bool ok = output[t] == x.Target[t];
                all &= ok;
                right += ok ? 1 : 0;
                rightAt[t] += ok ? 1 : 0;
                seenAt[t]++;
                tokens++;
                if (t >= 1)
                {
                    childTokens++;
                    children += IsChild(graph, depth, output[t - 1], output[t]) ? 1 : 0;
                }
            }

            exact += all ? 1 : 0;
        }

        return new PathGenerationResult(
            examples.Count,
            Ratio(exact, examples.Count),
            Ratio(right, tokens),
            Ratio(children, childTokens),
            rightAt.Select((r, t) => Ratio(r, seenAt[t])).ToArray());
    }

    /// <summary>True when token b is a node adjacent to node a and, with depths, one hop deeper.</summary>
    public static bool IsChild(Graph graph, IReadOnlyList<int>? depth, long a, long b)
    {
        int n = graph.NodeCount;
        if (a < 0 || b < 0 || a >= n || b >= n || a == b || !graph.HasEdge((int)a, (int)b))
        {
            return false;
        }

        return depth is null || depth[(int)b] == depth[(int)a] + 1;
    }

    private static double Ratio(int a, int b) => b > 0 ? (double)a / b : double.NaN;
}
