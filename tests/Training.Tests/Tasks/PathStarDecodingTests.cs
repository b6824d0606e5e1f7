using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Models.Gpt;
using Trainer.Torch;
using Trainer.Training.Tasks;
using Trainer.Training.Tasks.InContext;
using static Trainer.Torch.torch;

namespace Trainer.Training.Tests.Tasks;

[Collection(InContextRunsCollection.Name)]
public class PathStarDecodingTests
{
    // The worked example of InContextPathStar, n = 10: arms 4 -> 7 -> 1 and 4 -> 2 -> 9, goal 9.
    private static readonly PathStarVocabulary Vocab = new(10);

    private static TokenExample Example(bool reverse)
    {
        int pipe = Vocab.Pipe, slash = Vocab.Slash, pause = Vocab.PauseToken;
        int[] prompt = [7, 1, pipe, 4, 2, pipe, 2, 9, pipe, 4, 7, slash, 4, 9, pause];
        return new TokenExample(prompt, reverse ? [9, 2, 4] : [4, 2, 9]);
    }

    [Fact]
    public void The_prompt_parser_recovers_edges_source_and_goal()
    {
        var (edges, source, goal) = PathStarDecoding.ParsePrompt(Example(false).Prompt, Vocab);
        Assert.Equal(new HashSet<(int, int)> { (7, 1), (4, 2), (2, 9), (4, 7) }, edges);
        Assert.Equal(4, source);
        Assert.Equal(9, goal);
    }

    [Fact]
    public void Scores_separate_right_paths_wrong_arms_and_illegal_walks()
    {
        TokenExample e = Example(false);
        TokenExample[] examples = [e, e, e, e];
        int[][] decoded =
        [
            [4, 2, 9], // right
            [4, 7, 1], // the other arm: a legal walk, wrong first decision
            [4, 2, 1], // right first decision, then an edge that does not exist
            [9, 2, 4], // starts at the goal: not a forward walk
        ];
        PathStarScores s = PathStarDecoding.Score(examples, decoded, Vocab, reverse: false);
        Assert.Equal(0.25, s.PathAcc);
        Assert.Equal(0.75, s.DecisionAcc); // rows 0, 2 and 3 have token 1 = 2
        Assert.Equal([0.75, 0.75, 0.25], s.PositionAcc);
        Assert.Equal(1.0, s.ValidFirstStep); // 2, 7, 2, 2 are all children of the source 4
        Assert.Equal(0.5, s.ValidPath); // rows 0 and 1
    }

    [Fact]
    public void Reversed_paths_are_legal_when_they_walk_the_edges_backwards_from_the_goal()
    {
        TokenExample e = Example(true);
        PathStarScores s = PathStarDecoding.Score([e, e], [[9, 2, 4], [9, 7, 4]], Vocab, reverse: true);
        Assert.Equal(0.5, s.PathAcc);
        Assert.Equal(0.5, s.ValidPath);
        Assert.Equal(0.5, s.ValidFirstStep);
    }

    [Fact]
    public void Greedy_decoding_returns_a_memorised_path()
    {
        var data = new InContextPathStarData { Degree = 2, PathLength = 4, NodeCount = 12, TestGraphs = 4, BatchSize = 4 };
        var batches = new PathStarGraphBatches(data, 1);
        var model = Memorise(batches);
        int[][] decoded = PathStarDecoding.Greedy(model, batches.TestExamples, data.PathLength, teacherlessToken: null);
        for (int i = 0; i < decoded.Length; i++)
        {
            Assert.Equal(batches.TestExamples[i].Target, decoded[i]);
        }
    }

    [Fact]
    public void Teacherless_decoding_reads_fillers_and_returns_a_memorised_path()
    {
        var data = new InContextPathStarData { Degree = 2, PathLength = 4, NodeCount = 12, TestGraphs = 4, BatchSize = 4, Target = "teacherless" };
        var batches = new PathStarGraphBatches(data, 2);
        var model = Memorise(batches);
        int dollar = new PathStarVocabulary(12).Dollar;
        int[][] decoded = PathStarDecoding.Greedy(model, batches.TestExamples, data.PathLength, dollar);
        for (int i = 0; i < decoded.Length; i++)
        {
            Assert.Equal(batches.TestExamples[i].Target, decoded[i]);
        }
    }

    [Fact]
    public void Evaluate_reports_one_accuracy_per_path_index_averaging_to_the_token_accuracy()
    {
        var data = new InContextPathStarData { Degree = 2, PathLength = 5, NodeCount = 20, TestGraphs = 64 };
        var batches = new PathStarGraphBatches(data, 4);
        manual_seed(4);
        var gpt = new GptModel(new GptConfig { VocabSize = 29, BlockSize = batches.Length, NLayer = 1, NHead = 2, NEmbd = 16 });
        var model = new InContextPathStarModel(gpt, batches.PromptLength, data.PathLength);
        using Batch b = batches.Validation().First();
        var m = model.Evaluate(b);
        double[] pos = Enumerable.Range(0, 5).Select(k => m[$"pos_{k}_acc"]).ToArray();
        Assert.Equal(pos.Average(), m["acc"], 6); // every row has exactly L counted targets
        Assert.Equal(m["pos_1_acc"], m["decision_acc"]);
        Assert.False(m.ContainsKey("pos_5_acc"));
    }

    /// <summary>Full-batch training on the 4 held-out graphs (inputs as encoded for the variant) until they are memorised.</summary>
    private static GptModel Memorise(PathStarGraphBatches batches)
    {
        manual_seed(3);
        var gpt = new GptModel(new GptConfig { VocabSize = 21, BlockSize = batches.Length, NLayer = 1, NHead = 2, NEmbd = 32 });
        var opt = optim.AdamW(gpt.parameters(), lr: 1e-2, weight_decay: 0);
        for (int step = 0; step < 150; step++)
        {
            using var scope = NewDisposeScope();
            using Batch b = batches.Validation().First();
            opt.zero_grad();
            gpt.Loss(b).backward();
            opt.step();
        }

        return gpt;
    }
}
