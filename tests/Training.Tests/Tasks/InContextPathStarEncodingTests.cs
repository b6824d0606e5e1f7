using Trainer.Data.Tasks;
using Trainer.Models.Core;
using Trainer.Training.Tasks;
using Trainer.Training.Tasks.InContext;

namespace Trainer.Training.Tests.Tasks;

public class InContextPathStarEncodingTests
{
    private static InContextPathStarData Data(string target, int train = 0) => new()
    {
        Degree = 2,
        PathLength = 5,
        NodeCount = 20,
        Target = target,
        TrainGraphs = train,
        TestGraphs = 16,
        BatchSize = 8,
    };

    private static (long[] Input, long[] Target, int Rows, int Length) Rows(Batch b)
    {
        using (b)
        {
            return (b.Input.data<long>(), b.Target!.data<long>(), (int)b.Input.size(0), (int)b.Input.size(1));
        }
    }

    [Fact]
    public void Prompt_length_is_three_tokens_per_edge_plus_the_query()
    {
        Assert.Equal(27, PathStarGraphBatches.PromptTokens(2, 5)); // 8 edges: 8*2 labels + 7 '|' + '/' s g [PAUSE]
        var batches = new PathStarGraphBatches(Data("forward"), 3);
        Assert.All(batches.TestExamples, e => Assert.Equal(27, e.Prompt.Length));
        Assert.Equal(27 + 5 - 1, batches.Length);
    }

    [Fact]
    public void Forward_targets_are_the_path_after_the_prompt_and_minus_one_elsewhere()
    {
        var batches = new PathStarGraphBatches(Data("forward"), 3);
        var (input, target, rows, len) = Rows(batches.Validation().First());
        for (int r = 0; r < rows; r++)
        {
            TokenExample e = batches.TestExamples[r];
            int p = e.Prompt.Length;
            int[] sequence = [.. e.Prompt, .. e.Target];
            for (int i = 0; i < len; i++)
            {
                Assert.Equal(sequence[i], input[(r * len) + i]);
                long expected = i >= p - 1 ? e.Target[i - (p - 1)] : -1;
                Assert.Equal(expected, target[(r * len) + i]);
            }

            // Forward paths start at the source and end at the goal written in the prompt.
            Assert.Equal(e.Prompt[^3], e.Target[0]);
            Assert.Equal(e.Prompt[^2], e.Target[^1]);
        }
    }

    [Fact]
    public void Reverse_variant_reverses_the_target_path_and_keeps_the_prompt()
    {
        var forward = new PathStarGraphBatches(Data("forward"), 5);
        var reverse = new PathStarGraphBatches(Data("reverse"), 5);
        for (int r = 0; r < forward.TestExamples.Length; r++)
        {
            Assert.Equal(forward.TestExamples[r].Prompt, reverse.TestExamples[r].Prompt);
            Assert.Equal(forward.TestExamples[r].Target.Reverse(), reverse.TestExamples[r].Target);
        }

        var (_, target, rows, len) = Rows(reverse.Validation().First());
        int p = reverse.PromptLength;
        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(reverse.TestExamples[r].Prompt[^2], target[(r * len) + p - 1]); // the goal comes first
        }
    }

    [Fact]
    public void Teacherless_variant_keeps_the_targets_and_feeds_dollars_after_the_prompt()
    {
        var forward = new PathStarGraphBatches(Data("forward"), 9);
        var teacherless = new PathStarGraphBatches(Data("teacherless"), 9);
        int dollar = new PathStarVocabulary(20).Dollar;
        var (fi, ft, rows, len) = Rows(forward.Validation().First());
        var (ti, tt, _, _) = Rows(teacherless.Validation().First());
        Assert.Equal(ft, tt);
        int p = forward.PromptLength;
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < len; i++)
            {
                Assert.Equal(i < p ? fi[(r * len) + i] : dollar, ti[(r * len) + i]);
            }
        }
    }

    [Fact]
    public void Fresh_training_batches_are_a_pure_function_of_the_step()
    {
        var a = new PathStarGraphBatches(Data("forward"), 11);
        var b = new PathStarGraphBatches(Data("forward"), 11);
        var a7 = Rows(a.Train(7));
        Assert.Equal(a7.Input, Rows(b.Train(7)).Input);
        Assert.Equal(a7.Target, Rows(b.Train(7)).Target);
        Assert.NotEqual(a7.Input, Rows(a.Train(8)).Input);
        Assert.Equal(8, a7.Rows);
    }

    [Fact]
    public void A_fixed_training_set_is_held_apart_from_the_test_graphs()
    {
        var batches = new PathStarGraphBatches(Data("forward", train: 24), 11);
        Assert.Equal(3, batches.StepsPerEpoch);
        var test = batches.TestExamples.Select(e => string.Join(',', e.Prompt)).ToHashSet();
        var (input, _, rows, len) = Rows(batches.Train(0));
        int p = batches.PromptLength;
        for (int r = 0; r < rows; r++)
        {
            Assert.DoesNotContain(string.Join(',', input.Skip(r * len).Take(p)), test);
        }
    }

    [Fact]
    public void Task_config_with_too_few_labels_or_another_model_is_rejected_with_its_key()
    {
        var few = Assert.Throws<Trainer.Training.Config.ConfigException>(() =>
            TaskRegistry.Load(null, ["task=in-context-path-star", "data.node_count=5"]));
        Assert.Contains("data", few.Message);
        var (_, config) = TaskRegistry.Load(null, ["task=in-context-path-star", "model.kind=edge_network"]);
        var wrong = Assert.Throws<Trainer.Training.Config.ConfigException>(() => new InContextPathStarTask().Prepare(config));
        Assert.Contains("model.kind", wrong.Message);
    }
}
