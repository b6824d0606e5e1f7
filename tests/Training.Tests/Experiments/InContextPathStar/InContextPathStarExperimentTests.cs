using System.Globalization;
using System.Text.Json.Nodes;
using Trainer.Training.Config;
using Trainer.Training.Experiments;
using Trainer.Training.Experiments.InContextPathStar;
using Trainer.Training.Progress;
using Trainer.Training.Runs;
using Trainer.Training.Tests.Tasks;

namespace Trainer.Training.Tests.Experiments.InContextPathStar;

[Collection(InContextRunsCollection.Name)]
public class InContextPathStarExperimentTests
{
    private static readonly string[] Tiny =
    [
        "data.node_count=12", "data.path_length=4", "data.test_graphs=32", "data.batch_size=16",
        "model.gpt.n_layer=1", "model.gpt.n_head=2", "model.gpt.n_embd=16",
        "train.steps=30", "train.warmup_steps=5", "train.eval_every=15", "train.checkpoint_every=0",
    ];

    [Fact]
    public void A_tiny_run_trains_every_variant_and_writes_a_consistent_report()
    {
        var exp = new InContextPathStarExperiment();
        var config = (InContextPathStarExperimentConfig)ExperimentRegistry.LoadConfig(exp, "small", null, Tiny);
        string root = Path.Combine(Path.GetTempPath(), "icl-path-star-exp-" + Guid.NewGuid().ToString("N"));
        try
        {
            RunFolder run = RunFolder.Create(root, exp.Name);
            ExperimentReport report = exp.Execute(config, new ExperimentContext(run, NullProgress.Instance, CancellationToken.None, "small"));
            report.Write(run.Path);
            foreach (string f in new[] { "report.html", "report.md", "results.json" })
            {
                Assert.True(File.Exists(run.File(f)), f);
            }

            // One sub-run per variant, each with its own config and TensorBoard events.
            foreach (string v in config.Variants)
            {
                string sub = Assert.Single(Directory.GetDirectories(run.Path, "*-" + v));
                Assert.True(File.Exists(Path.Combine(sub, "config.json")));
                Assert.NotEmpty(Directory.GetFiles(sub, "events.out.tfevents.*"));
            }

            var table = JsonNode.Parse(File.ReadAllText(run.File("results.json")))!["tables"]![0]!;
            var rows = table["rows"]!.AsArray();
            Assert.Equal(3, rows.Count);
            foreach (JsonNode? row in rows)
            {
                double[] v = row!.AsArray().Skip(1).Take(4).Select(c => double.Parse(c!.GetValue<string>(), CultureInfo.InvariantCulture)).ToArray();
                double path = v[0], decision = v[1], legalFirst = v[2], legalPath = v[3];
                Assert.All(v, x => Assert.InRange(x, 0, 1));
                Assert.True(path <= decision, "a right path has a right first decision");
                Assert.True(path <= legalPath, "a right path is a legal walk");
                Assert.True(decision <= legalFirst + 1e-12, "a right first decision is a legal first step");
            }

            Assert.Contains("data-plot=\"path-star-positions\"", File.ReadAllText(run.File("report.html")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Variants_map_to_the_task_targets_and_bad_ones_are_rejected()
    {
        var c = new InContextPathStarExperimentConfig();
        Assert.Equal("reverse", c.Run("reverse").Data.Target);
        Assert.Equal("teacherless", c.Run("teacherless").Data.Target);
        Assert.Equal(c.Data.NodeCount, c.Run("forward").Data.NodeCount);
        var exp = new InContextPathStarExperiment();
        Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(exp, "small", null, ["variants=[\"sideways\"]"]));
        Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(exp, "small", null, ["model.kind=edge_network"]));
        var large = (InContextPathStarExperimentConfig)ExperimentRegistry.LoadConfig(exp, "large", null, []);
        Assert.Equal(50, large.Data.NodeCount);
        Assert.Equal(200_000, large.Data.TrainGraphs);
    }
}
