using Trainer.Data.Graphs;
using Trainer.Data.Randomness;

namespace Trainer.Data.Tasks;

/// <summary>A named training stage: the examples trained on together.</summary>
/// <param name="Name">"edges", "paths" or "mixed".</param>
/// <param name="Examples">The stage's examples, in order.</param>
public sealed record TrainingStage(string Name, IReadOnlyList<TokenExample> Examples);

/// <summary>
/// The in-weights path-star task (paper digest 3.2): one fixed path-star graph memorised in the weights.
/// Edge examples teach single edges; path examples ask for the path from the root to a given leaf. Leaves
/// (paths) are split into train and held-out sets (default 75/25).
/// </summary>
/// <remarks>
/// Worked example, degree 2, path_length 3, identity ids (n = 5, so [PAUSE] = 6, [PAD] = 11, [EDGE] = 12,
/// [PATH] = 13): edges (0,1) (1,2) (0,3) (3,4). Edge examples, forward then backward:
/// <code>
/// [EDGE] 0 -> 1      [EDGE] 0 -> 3      [EDGE] 1 -> 2      [EDGE] 3 -> 4
/// [EDGE] 1 -> 0      [EDGE] 3 -> 0      [EDGE] 2 -> 1      [EDGE] 4 -> 3
/// </code>
/// Path examples (full path): <c>[PATH] 2 [PAUSE] -&gt; 0 1 2</c> and <c>[PATH] 4 [PAUSE] -&gt; 0 3 4</c>;
/// hardest token: <c>[PATH] 2 [PAUSE] -&gt; 1</c>. As arrays, <c>[PATH] 2 [PAUSE] -&gt; 0 1 2</c> is
/// inputs [13, 2, 6, 0, 1], targets [-1, -1, 0, 1, 2].
/// </remarks>
public sealed class PathStarTask
{
    private PathStarTask(PathStarTaskConfig config, PathStarGraph graph, int[] trainPaths, int[] testPaths,
        TokenExample[] edges, TokenExample[] train, TokenExample[] test, IReadOnlyList<TrainingStage> stages)
    {
        Config = config;
        Graph = graph;
        Vocabulary = new PathStarVocabulary(graph.NodeCount);
        TrainPathIndices = trainPaths;
        TestPathIndices = testPaths;
        EdgeExamples = edges;
        TrainExamples = train;
        TestExamples = test;
        Stages = stages;
    }

    /// <summary>The configuration used.</summary>
    public PathStarTaskConfig Config { get; }

    /// <summary>The fixed graph.</summary>
    public PathStarGraph Graph { get; }

    /// <summary>Token ids of nodes and specials.</summary>
    public PathStarVocabulary Vocabulary { get; }

    /// <summary>Rows of <see cref="PathStarGraph.Paths"/> used for training.</summary>
    public int[] TrainPathIndices { get; }

    /// <summary>Rows of <see cref="PathStarGraph.Paths"/> held out.</summary>
    public int[] TestPathIndices { get; }

    /// <summary>All edge examples (forward, then backward, then self).</summary>
    public TokenExample[] EdgeExamples { get; }

    /// <summary>Path examples of the training leaves.</summary>
    public TokenExample[] TrainExamples { get; }

    /// <summary>Path examples of the held-out leaves.</summary>
    public TokenExample[] TestExamples { get; }

    /// <summary>Staged recipes: "edges" then "paths"; mixed recipes: one "mixed" stage (shuffled union).</summary>
    public IReadOnlyList<TrainingStage> Stages { get; }

    /// <summary>Builds the task from a config and seed (graph ids, split and mixing each use their own substream).</summary>
    public static PathStarTask Build(PathStarTaskConfig config, ulong seed)
    {
        config.Validate();
        var idRng = config.RandomizeNodeIds ? Rng.ForPurpose(seed, "node-ids") : null;
        var graph = PathStarGraph.Build(config.Degree, config.PathLength, config.SubtreeDegree, idRng);
        var vocab = new PathStarVocabulary(graph.NodeCount);
        var (train, test) = SplitPaths(graph, config, Rng.ForPurpose(seed, "split"));
        var edges = EdgeExamplesOf(graph, config, vocab);
        var trainExamples = train.Select(i => PathExample(graph, i, config, vocab)).ToArray();
        var testExamples = test.Select(i => PathExample(graph, i, config, vocab)).ToArray();
        IReadOnlyList<TrainingStage> stages;
        if (config.Mixed)
        {
            TokenExample[] mixed = [.. edges, .. trainExamples];
            Sampling.Shuffle<TokenExample>(Rng.ForPurpose(seed, "mix"), mixed);
            stages = [new TrainingStage("mixed", mixed)];
        }
        else
        {
            stages = [new TrainingStage("edges", edges), new TrainingStage("paths", trainExamples)];
        }
        return new PathStarTask(config, graph, train, test, edges, trainExamples, testExamples, stages);
    }

    /// <summary>
    /// Train and held-out path rows: a shuffled order of the paths, the first floor(P * fraction) for training.
    /// With <c>split_by_subtree</c> the arms' first nodes are shuffled and split instead.
    /// </summary>
    public static (int[] Train, int[] Test) SplitPaths(PathStarGraph graph, PathStarTaskConfig config, Rng rng)
    {
        int count = graph.PathCount;
        if (config.SplitBySubtree && config.SubtreeDegree > 1)
        {
            int arms = graph.Degree;
            int[] order = Sampling.Permutation(rng, arms);
            int trainArms = (int)Math.Floor(arms * config.TrainFraction);
            var isTrainArm = new bool[arms];
            for (int i = 0; i < trainArms; i++)
            {
                isTrainArm[order[i]] = true;
            }
            int perArm = count / arms;
            var train = Enumerable.Range(0, count).Where(p => isTrainArm[p / perArm]).ToArray();
            var test = Enumerable.Range(0, count).Where(p => !isTrainArm[p / perArm]).ToArray();
            return (train, test);
        }
        int[] perm = Sampling.Permutation(rng, count);
        int trainCount = (int)Math.Floor(count * config.TrainFraction);
        return (perm[..trainCount], perm[trainCount..]);
    }

    /// <summary>
    /// Edge examples <c>[EDGE] u -&gt; v</c>: forward edges sorted by (u, v), then their reverses in the same order,
    /// then <c>[EDGE] u -&gt; u</c> for every node in id order (each part only if enabled).
    /// </summary>
    public static TokenExample[] EdgeExamplesOf(PathStarGraph graph, PathStarTaskConfig config, PathStarVocabulary vocab)
    {
        var forward = new List<(int U, int V)>();
        for (int i = 0; i < graph.ForwardEdges.Length; i += 2)
        {
            forward.Add((graph.ForwardEdges[i], graph.ForwardEdges[i + 1]));
        }
        forward.Sort();
        var examples = new List<TokenExample>();
        if (config.ForwardEdges)
        {
            examples.AddRange(forward.Select(e => EdgeExample(vocab, e.U, e.V, config.EdgePause)));
        }
        if (config.BackwardEdges)
        {
            examples.AddRange(forward.Select(e => EdgeExample(vocab, e.V, e.U, config.EdgePause)));
        }
        if (config.SelfEdges)
        {
            examples.AddRange(Enumerable.Range(0, graph.NodeCount).Select(u => EdgeExample(vocab, u, u, config.EdgePause)));
        }
        return examples.ToArray();
    }

    /// <summary><c>[EDGE] u -&gt; v</c>, or <c>[EDGE] u [PAUSE] -&gt; v</c> with <paramref name="pause"/>.</summary>
    public static TokenExample EdgeExample(PathStarVocabulary vocab, int u, int v, bool pause = false) =>
        pause ? new TokenExample([vocab.EdgeToken, u, vocab.PauseToken], [v]) : new TokenExample([vocab.EdgeToken, u], [v]);

    /// <summary>
    /// <c>[PATH] leaf [PAUSE] -&gt; root n1 ... leaf</c> (full path, optionally reversed) or
    /// <c>[PATH] leaf [PAUSE] -&gt; n1</c> (hardest token), for path row <paramref name="pathIndex"/>.
    /// </summary>
    public static TokenExample PathExample(PathStarGraph graph, int pathIndex, PathStarTaskConfig config, PathStarVocabulary vocab)
    {
        var path = graph.Path(pathIndex);
        var prompt = new int[2 + config.PathPauseCount];
        prompt[0] = vocab.PathToken;
        prompt[1] = path[^1];
        for (int i = 2; i < prompt.Length; i++)
        {
            prompt[i] = vocab.PauseToken;
        }
        int[] target;
        if (config.HardestToken)
        {
            target = [path[1]];
        }
        else
        {
            target = path.ToArray();
            if (config.ReversePath)
            {
                Array.Reverse(target);
            }
        }
        return new TokenExample(prompt, target);
    }
}
