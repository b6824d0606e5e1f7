using System.Text.Json.Nodes;
using Trainer.Training.Config;
using Trainer.Training.Experiments;
using Trainer.Training.Experiments.IclEnergy;
using Trainer.Training.Progress;
using Trainer.Training.Runs;
using Trainer.Training.Tests.Tasks;

namespace Trainer.Training.Tests.Experiments.IclEnergy;

[Collection(InContextRunsCollection.Name)]
public class IclEnergyExperimentTests
{
    private static readonly string[] Tiny =
    [
        "data.components=2", "data.points=8", "data.batch_size=8", "data.validation_sequences=8",
        "model.n_layer=1", "model.n_head=2", "model.n_embd=16", "model.block_size=10", "model.langevin_steps=5",
        "train.steps=80", "train.eval_every=40", "train.checkpoint_every=0",
        "landscape.contexts=6", "landscape.plotted=2", "landscape.context_sizes=[0,3,8]", "landscape.grid_size=16",
        "landscape.random_points=64", "landscape.sample_chains=16",
    ];

    [Fact]
    public void A_tiny_run_writes_its_report_and_the_trained_landscape_is_low_at_the_centres()
    {
        var exp = new IclEnergyExperiment();
        var config = (IclEnergyConfig)ExperimentRegistry.LoadConfig(exp, "small", null, Tiny);
        string root = Path.Combine(Path.GetTempPath(), "icl-energy-exp-" + Guid.NewGuid().ToString("N"));
        try
        {
            RunFolder run = RunFolder.Create(root, exp.Name);
            ExperimentReport report = exp.Execute(config, new ExperimentContext(run, NullProgress.Instance, CancellationToken.None, "small"));
            report.Write(run.Path);
            foreach (string f in new[] { "report.html", "report.md", "results.json" })
            {
                Assert.True(File.Exists(run.File(f)), f);
            }

            Assert.NotEmpty(Directory.GetFiles(run.Path, "events.out.tfevents.*"));
            string html = File.ReadAllText(run.File("report.html"));
            Assert.Contains("data-plot=\"icl-energy-landscape-1\"", html);
            Assert.Contains("data-plot=\"icl-energy-loss\"", html);

            var tables = JsonNode.Parse(File.ReadAllText(run.File("results.json")))!["tables"]!.AsArray();
            var trained = tables[0]!["rows"]!.AsArray();
            Assert.Equal(3, trained.Count); // n = 0, 3, 7 (8 is capped at T - 1 = 7)
            var full = trained[^1]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
            Assert.Equal("7", full[0]);
            double seenCentres = double.Parse(full[2], System.Globalization.CultureInfo.InvariantCulture);
            double far = double.Parse(full[4], System.Globalization.CultureInfo.InvariantCulture);
            double percentile = double.Parse(full[6], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(seenCentres < far, $"after training E at the centres ({seenCentres}) should be below E far away ({far})");
            // At tiny size the centres land in the lower half of the random-point energies (0.1-0.37 seen across runs).
            Assert.InRange(percentile, 0, 0.5);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Both_scales_bind_and_validate_and_a_3d_mixture_is_rejected()
    {
        var exp = new IclEnergyExperiment();
        var small = (IclEnergyConfig)ExperimentRegistry.LoadConfig(exp, "small", null, []);
        var large = (IclEnergyConfig)ExperimentRegistry.LoadConfig(exp, "large", null, []);
        Assert.True(large.Train.Steps > small.Train.Steps);
        Assert.Equal(35, large.Data.Points);
        var e = Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(exp, "small", null, ["data.dim=3"]));
        Assert.Contains("data.dim", e.Message);
    }

    [Fact]
    public void Context_sizes_stop_at_the_last_position_trained()
    {
        var c = new IclEnergyConfig { Landscape = new LandscapeSection { ContextSizes = [20, 0, 5, 19, 100] } };
        // T = 20 points: training scores x_t after t = 0..19 points, so 20 and 100 fold into 19.
        Assert.Equal([0, 5, 19], IclEnergyExperiment.ContextSizes(c));
    }

    [Fact]
    public void Held_out_contexts_are_not_the_training_mixtures()
    {
        var config = new IclEnergyConfig();
        HeldOutMixtures held = IclEnergyExperiment.HeldOut(config);
        var train = new Trainer.Training.Tasks.InContext.GaussianMixtureBatches(config.Data.Mixture(), config.Data.BatchSize, 0, 1, -10, 10, (ulong)config.Seed);
        var (_, _, means) = train.Mixtures(0);
        Assert.Equal(config.Landscape.Contexts, held.Count);
        Assert.NotEqual(means.Take(6), held.Means.Take(6));
        Assert.Equal(held.AllMeans(0).Count, config.Data.Components);
        Assert.True(held.SeenComponents(0, config.Data.Points).Count <= config.Data.Components);
        Assert.Empty(held.SeenComponents(0, 0));
    }
}
