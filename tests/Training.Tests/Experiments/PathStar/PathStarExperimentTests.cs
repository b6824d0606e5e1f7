using Trainer.Data.Tasks;
using Trainer.Training.Config;
using Trainer.Training.Experiments;
using Trainer.Training.Experiments.PathStar;
using Trainer.Training.Tests.Experiments.DenseCapacity;
using Trainer.Training.Tests.Runs;
using Trainer.Training.Tests.Tasks;

namespace Trainer.Training.Tests.Experiments.PathStar;

[Collection(InContextRunsCollection.Name)]
public class PathStarExperimentTests
{
    /// <summary>16 arms of 3 nodes (33 nodes, 12 training and 4 held-out leaves), a one-layer GPT, full batch.</summary>
    private static readonly string[] Tiny =
    [
        "data.task.degree=16", "data.task.path_length=3", "data.batch_size=0",
        "model.gpt.n_layer=1", "model.gpt.n_head=2", "model.gpt.n_embd=32",
        "train.steps=250", "train.lr=0.01", "train.warmup_steps=10", "train.eval_every=125",
    ];

    [Fact]
    public void A_tiny_run_memorises_the_edges_and_training_paths_and_writes_a_consistent_report()
    {
        var exp = new PathStarExperiment();
        var config = (PathStarExperimentConfig)ExperimentRegistry.LoadConfig(exp, "small", null, Tiny);
        using var root = new TempFolder();
        var (report, runPath) = ExperimentHarness.Run(exp, config, root);
        ExperimentHarness.AssertReportFiles(runPath);
        foreach (string v in config.Variants)
        {
            string sub = Assert.Single(Directory.GetDirectories(runPath, "*-" + v));
            Assert.True(File.Exists(Path.Combine(sub, "config.json")));
        }

        var rows = ExperimentHarness.Table(report, "Greedy decoding");
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            double path = ExperimentHarness.Num(row["held-out path accuracy"]);
            double hardest = ExperimentHarness.Num(row["held-out hardest token (n1)"]);
            double token = ExperimentHarness.Num(row["held-out token accuracy"]);
            Assert.All(new[] { path, hardest, token }, x => Assert.InRange(x, 0, 1));
            Assert.True(path <= hardest + 1e-12, "a right path has a right n1");
            Assert.True(path <= token + 1e-12, "a right path has every token right");

            // Memorisation: the root has 16 neighbours, so top-5 recovery is at most (64 - 11) / 64 = 0.83.
            Assert.Equal(53.0 / 64, ExperimentHarness.Num(row["top-5 ceiling"]), 3);
            double edges = ExperimentHarness.Num(row["edges top-5 recovery"]);
            Assert.InRange(edges, 0.7, (53.0 / 64) + 1e-12);
            Assert.True(ExperimentHarness.Num(row["train path accuracy"]) > 0.9, $"{row["model"]} training paths {row["train path accuracy"]}");
        }

        // The learned embeddings put connected nodes closer than the random control does.
        var probes = ExperimentHarness.Table(report, "Probes of the node embeddings");
        var learned = probes.Single(r => r["model"] == PathStarReport.Label(PathStarExperimentConfig.Learned));
        Assert.True(ExperimentHarness.Num(learned["edge cos"]) > ExperimentHarness.Num(learned["control edge cos"]) + 0.1, $"edge cos {learned["edge cos"]}");
        string html = File.ReadAllText(Path.Combine(runPath, "report.html"));
        Assert.Contains("data-plot=\"path-star-positions\"", html, StringComparison.Ordinal);
        Assert.Contains("data-plot=\"path-star-spectrum\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hardest_token_is_n1_in_every_target_format()
    {
        Assert.Equal(1, PathStarEvaluation.HardestIndex(new PathStarTaskConfig { PathLength = 6 }));
        Assert.Equal(4, PathStarEvaluation.HardestIndex(new PathStarTaskConfig { PathLength = 6, ReversePath = true }));
        Assert.Equal(0, PathStarEvaluation.HardestIndex(new PathStarTaskConfig { Recipe = PathStarRecipe.StagedHardestToken }));
        var task = PathStarTask.Build(new PathStarTaskConfig { Degree = 3, PathLength = 4 }, 1);
        int hardest = PathStarEvaluation.HardestIndex(task.Config);
        int[] path = task.Graph.Path(task.TestPathIndices[0]).ToArray();
        TokenExample x = task.TestExamples[0];
        Assert.Equal(path[1], x.Target[hardest]);
        Assert.True(task.Graph.Graph.HasEdge(task.Graph.Root, x.Target[hardest]));
    }

    [Theory]
    [InlineData(16, 3)]
    [InlineData(3, 5)]
    [InlineData(100, 4)]
    public void The_top5_ceiling_matches_the_degree_count_of_a_path_star(int degree, int pathLength)
    {
        var task = PathStarTask.Build(new PathStarTaskConfig { Degree = degree, PathLength = pathLength }, 3);
        // root: min(5, degree) of its degree arcs; inner arm nodes: both arcs; leaves: their one arc.
        double expected = (Math.Min(5, degree) + (2.0 * degree * (pathLength - 2)) + degree) / (2.0 * degree * (pathLength - 1));
        Assert.Equal(expected, PathStarEvaluation.TopKCeiling(task.Graph.Graph, 5), 12);
    }

    [Fact]
    public void The_cumulative_spectrum_runs_from_zero_to_one_and_an_even_spectrum_is_the_diagonal()
    {
        var even = PathStarReport.CumulativeShare([2.0, 2, 2, 2]);
        Assert.Equal((0.0, 0.0), even[0]);
        Assert.All(even, p => Assert.Equal(p.X, p.Y, 12));
        var smooth = PathStarReport.CumulativeShare([9.0, 1, 0, 0]);
        Assert.Equal(0.9, smooth[1].Y, 12);
        Assert.Equal(1.0, smooth[^1].Y, 12);
    }

    [Fact]
    public void Variants_and_scales_bind_and_bad_values_are_rejected()
    {
        var exp = new PathStarExperiment();
        var c = new PathStarExperimentConfig();
        Assert.Equal("normal_1", c.Run(PathStarExperimentConfig.Frozen).Model.Gpt.EmbeddingInit);
        Assert.Equal("normal_0.02", c.Run(PathStarExperimentConfig.Learned).Model.Gpt.EmbeddingInit);
        Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(exp, "small", null, ["variants=[\"sideways\"]"]));
        Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(exp, "small", null, ["model.kind=edge_network"]));
        Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(exp, "small", null, ["data.task.path_length=1"]));
        var large = (PathStarExperimentConfig)ExperimentRegistry.LoadConfig(exp, "large", null, []);
        Assert.Equal(10_000, large.Data.Task.Degree);
        Assert.Equal(12, large.Model.Gpt.NLayer);
    }
}
