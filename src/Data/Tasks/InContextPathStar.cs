using Trainer.Data.Randomness;

namespace Trainer.Data.Tasks;

/// <summary>Configuration of the in-context path-star task (JSON keys snake_case). Defaults: Bachmann and Nagarajan.</summary>
public sealed record InContextPathStarConfig
{
    /// <summary>Arms at the source (degSource).</summary>
    public int Degree { get; init; } = 2;

    /// <summary>Nodes per arm including the source (pathLen).</summary>
    public int PathLength { get; init; } = 5;

    /// <summary>Size of the label alphabet node labels are drawn from (numNodes).</summary>
    public int NodeCount { get; init; } = 50;

    /// <summary>Number of examples (graphs).</summary>
    public int Count { get; init; } = 1000;

    /// <summary>Target is the path goal -&gt; source (reversed), which removes the first hard decision.</summary>
    public bool Reverse { get; init; }

    /// <summary>Inputs after the prompt are the filler <c>$</c> instead of the true path (teacherless training).</summary>
    public bool Teacherless { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Degree < 1 || PathLength < 2)
        {
            throw new ArgumentException($"degree must be >= 1 and path_length >= 2, got {Degree} and {PathLength}");
        }
        long needed = (long)Degree * (PathLength - 1) + 1;
        if (NodeCount < needed)
        {
            throw new ArgumentException($"node_count {NodeCount} is smaller than the {needed} distinct labels one graph needs");
        }
        if (Count < 0)
        {
            throw new ArgumentException($"count must be >= 0, got {Count}");
        }
    }
}

/// <summary>
/// The in-context path-star task of Bachmann and Nagarajan (paper digest 3.1): every example is a fresh graph
/// whose deg * (L-1) + 1 distinct labels are drawn from 0..node_count-1; its edges (source outward) are listed in
/// random order, then source and goal (the leaf of a random arm), then the model writes the source-to-goal path.
/// The loss is on the path only. Tokens: <see cref="PathStarVocabulary"/> over node_count labels, where the
/// original format's <c>=</c> is <c>[PAUSE]</c> (both are id n + 1).
/// </summary>
/// <remarks>
/// Worked example, degree 2, path_length 3, node_count 10 (| = 10, [PAUSE] = 11, / = 12, $ = 13): arms 4 -&gt; 7 -&gt; 1
/// and 4 -&gt; 2 -&gt; 9, goal 9. The original line <c>7,1|4,2|2,9|4,7/4,9=4,2,9</c> becomes
/// <code>7 1 | 4 2 | 2 9 | 4 7 / 4 9 [PAUSE] -> 4 2 9</code>
/// reversed: <c>... [PAUSE] -&gt; 9 2 4</c>. Encoded, the last input tokens are [..., 4, 9, 11, 4, 2] and the targets
/// [-1, ..., -1, 4, 2, 9]; teacherless inputs end [..., 4, 9, 11, 13, 13].
/// </remarks>
public static class InContextPathStar
{
    /// <summary>All examples; example i uses substream i of the seed, so any subset can be regenerated alone.</summary>
    public static TokenExample[] Generate(InContextPathStarConfig config, ulong seed)
    {
        config.Validate();
        var examples = new TokenExample[config.Count];
        var rng = new Rng(0);
        for (int i = 0; i < examples.Length; i++)
        {
            rng.Reseed(Rng.DeriveSeed(seed, (ulong)i));
            examples[i] = Example(config, rng);
        }
        return examples;
    }

    /// <summary>Inputs and targets, with <c>$</c> after the prompt when the config is teacherless.</summary>
    public static SequenceArrays Encode(InContextPathStarConfig config, IReadOnlyList<TokenExample> examples)
    {
        var vocab = new PathStarVocabulary(config.NodeCount);
        return SequenceArrays.Encode(examples, vocab.Pad, 0, config.Teacherless ? vocab.Dollar : null);
    }

    /// <summary>One example drawn from <paramref name="rng"/>.</summary>
    public static TokenExample Example(InContextPathStarConfig config, Rng rng)
    {
        var vocab = new PathStarVocabulary(config.NodeCount);
        int deg = config.Degree;
        int len = config.PathLength;
        int[] labels = Sampling.ChooseDistinct(rng, config.NodeCount, deg * (len - 1) + 1);
        int source = labels[0];
        var edges = new (int U, int V)[deg * (len - 1)];
        for (int a = 0; a < deg; a++)
        {
            int prev = source;
            for (int k = 1; k < len; k++)
            {
                int node = labels[1 + a * (len - 1) + (k - 1)];
                edges[a * (len - 1) + (k - 1)] = (prev, node);
                prev = node;
            }
        }
        int goalArm = rng.NextInt(deg);
        var path = new int[len];
        path[0] = source;
        for (int k = 1; k < len; k++)
        {
            path[k] = labels[1 + goalArm * (len - 1) + (k - 1)];
        }
        Sampling.Shuffle<(int, int)>(rng, edges);
        var prompt = new List<int>(edges.Length * 3 + 4);
        for (int e = 0; e < edges.Length; e++)
        {
            if (e > 0)
            {
                prompt.Add(vocab.Pipe);
            }
            prompt.Add(edges[e].U);
            prompt.Add(edges[e].V);
        }
        prompt.Add(vocab.Slash);
        prompt.Add(source);
        prompt.Add(path[^1]);
        prompt.Add(vocab.PauseToken);
        if (config.Reverse)
        {
            Array.Reverse(path);
        }
        return new TokenExample(prompt.ToArray(), path);
    }
}
