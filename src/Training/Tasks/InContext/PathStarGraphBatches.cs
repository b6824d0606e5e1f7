using Trainer.Data.Randomness;
using Trainer.Data.Tasks;
using Trainer.Models.Core;

namespace Trainer.Training.Tasks.InContext;

/// <summary>
/// Batches of in-context path-star graphs (<see cref="InContextPathStar"/>) as a pure function of the step: with
/// train_graphs = 0 every step draws B fresh graphs from substream (seed, "train", step); otherwise a fixed training
/// set is visited in per-epoch permutations (<see cref="SequenceBatches"/>). The held-out graphs come from their own
/// substream (seed, "test"). Every example has the same length: the prompt is deg (L-1) edges written as
/// <c>u v |</c> (the last without <c>|</c>), then <c>/ source goal [PAUSE]</c>, i.e. 3 deg (L-1) + 3 tokens.
/// </summary>
/// <remarks>
/// Example, degree 2, path_length 5: 8 edges, a prompt of 27 tokens and a path of 5, so rows of 31 inputs whose
/// last 5 targets are the path (the earlier 26 are -1).
/// </remarks>
public sealed class PathStarGraphBatches : IBatchSource
{
    private readonly InContextPathStarData _data;
    private readonly ulong _seed;
    private readonly SequenceBatches? _fixed;

    public PathStarGraphBatches(InContextPathStarData data, ulong seed)
    {
        data.Generator(0).Validate();
        _data = data;
        _seed = seed;
        TestExamples = InContextPathStar.Generate(data.Generator(data.TestGraphs), Rng.DeriveSeed(seed, "test"));
        Test = InContextPathStar.Encode(data.Generator(data.TestGraphs), TestExamples);
        PromptLength = PromptTokens(data.Degree, data.PathLength);
        Length = PromptLength + data.PathLength - 1;
        if (data.TrainGraphs > 0)
        {
            var cfg = data.Generator(data.TrainGraphs);
            SequenceArrays train = InContextPathStar.Encode(cfg, InContextPathStar.Generate(cfg, Rng.DeriveSeed(seed, "train")));
            _fixed = new SequenceBatches(train, Test, data.BatchSize, seed);
        }
    }

    /// <summary>Tokens in the prompt: 3 deg (L-1) - 1 for the edge list, then <c>/ source goal [PAUSE]</c>.</summary>
    public static int PromptTokens(int degree, int pathLength) => 3 * degree * (pathLength - 1) + 3;

    /// <summary>Prompt tokens P; the first path token is the target at input position P - 1.</summary>
    public int PromptLength { get; }

    /// <summary>Input tokens per row, P + L - 1.</summary>
    public int Length { get; }

    /// <summary>The held-out graphs (prompt and target path in the configured order).</summary>
    public TokenExample[] TestExamples { get; }

    /// <summary>The held-out graphs encoded.</summary>
    public SequenceArrays Test { get; }

    public long StepsPerEpoch => _fixed?.StepsPerEpoch ?? 1;

    public Batch Train(long step)
    {
        if (_fixed is not null)
        {
            return _fixed.Train(step);
        }

        int b = Math.Max(1, _data.BatchSize);
        var cfg = _data.Generator(b);
        ulong seed = Rng.DeriveSeed(Rng.DeriveSeed(_seed, "train"), (ulong)step);
        SequenceArrays arrays = InContextPathStar.Encode(cfg, InContextPathStar.Generate(cfg, seed));
        return SequenceBatches.Slice(arrays, Enumerable.Range(0, b).ToArray());
    }

    public IEnumerable<Batch> Validation()
    {
        const int size = 1024;
        for (int start = 0; start < Test.Count; start += size)
        {
            int n = Math.Min(size, Test.Count - start);
            yield return SequenceBatches.Slice(Test, Enumerable.Range(start, n).ToArray());
        }
    }
}
