using System.Text.Json;
using Trainer.Training.Config;
using Trainer.Training.Experiments;
using Trainer.Training.Experiments.AmClustering;
using Trainer.Training.Progress;
using Trainer.Training.Runs;

namespace Trainer.Training.Tests.Experiments.AmClustering;

public sealed class AmClusteringExperimentTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"am-clustering-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Two well-separated data sets (one Gaussian, one vMF), small models.</summary>
    private static AmClusteringConfig Tiny(SklearnSection? sklearn = null) => new()
    {
        Gaussian = new GaussianDataSection { Dims = [2], Components = [3], Separations = [8], Points = 90 },
        Vmf = new VmfDataSection { Dims = [3], Components = [2], Kappas = [100], Points = 60 },
        Seeds = 1,
        Clam = new ClamSection { Epochs = 30, Restarts = 1 },
        Elbo = new ElboSection { Restarts = 1 },
        Sklearn = sklearn ?? new SklearnSection(),
    };

    [Fact]
    public void Experiment_runs_at_tiny_size_and_writes_its_report()
    {
        var (report, folder) = Run(Tiny());
        Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        Assert.True(File.Exists(Path.Combine(folder, "report.md")));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
        var all = json.RootElement.GetProperty("tables").EnumerateArray().First(t => t.GetProperty("caption").GetString()!.StartsWith("Every method", StringComparison.Ordinal));
        var rows = all.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();
        foreach (string method in AmClusteringRunner.Ours)
        {
            var mine = rows.Where(r => r[6] == method).ToList();
            Assert.Equal(2, mine.Count);
            Assert.All(mine, r => Assert.True(double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture) > 0.95, $"{method} ARI {r[7]} on {r[0]}"));
        }

        bool sklearn = report.Blocks.Any(b => b.Kind == "p" && b.Text.StartsWith("Side by side: scikit-learn", StringComparison.Ordinal));
        Assert.Equal(sklearn ? 12 : 6, rows.Count);
        if (!sklearn)
        {
            Console.Error.WriteLine("note: sklearn side not exercised: " + report.Blocks.First(b => b.Text.StartsWith("scikit-learn was not run", StringComparison.Ordinal)).Text);
        }

        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("data-plot=\"scatter-clam-crp-elbo\"", html, StringComparison.Ordinal);
        Assert.Equal(5, report.Blocks.Count(b => b.Kind == "figure" && b.Text.StartsWith("gaussian-d2-K3-sep8-s0", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_sklearn_the_report_says_why_and_shows_ours_alone()
    {
        var (report, _) = Run(Tiny(new SklearnSection { Python = "/nonexistent/python3" }) with { Vmf = new VmfDataSection { Dims = [] } });
        Assert.Contains(report.Blocks, b => b.Text == "scikit-learn was not run: /nonexistent/python3 not found. The tables show our three models alone.");
        Assert.DoesNotContain("KMeans", report.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_bind_at_both_scales_and_overrides_are_checked()
    {
        var e = new AmClusteringExperiment();
        var small = (AmClusteringConfig)ExperimentRegistry.LoadConfig(e, "small", null, []);
        var large = (AmClusteringConfig)ExperimentRegistry.LoadConfig(e, "large", null, ["crp.sampling=gibbs", "seeds=1"]);
        Assert.Equal([2.5, 4, 6, 10], small.Gaussian.Separations);
        Assert.Equal(Trainer.Models.Clustering.CrpSampling.Gibbs, large.Crp.Sampling);
        Assert.Equal(5000, large.Gaussian.Points);
        Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(e, "small", null, ["crp.alpha=0"]));
        Assert.Throws<ConfigException>(() => ExperimentRegistry.LoadConfig(e, "small", null, ["clam.no_such_key=1"]));
    }

    [Fact]
    public void Mean_resultant_length_matches_the_closed_form_on_s2_and_sampled_vmf_points_in_16_dimensions()
    {
        foreach (double kappa in new[] { 0.5, 3, 10, 100, 700 })
        {
            Assert.Equal((1 / Math.Tanh(kappa)) - (1 / kappa), AmClusteringDatasets.MeanResultant(3, kappa), 10);
        }

        var data = Trainer.Data.Patterns.VmfClusters.Generate(
            new Trainer.Data.Patterns.VmfClustersConfig { Dim = 16, Clusters = 1, Points = 4000, Kappa = 10, Threads = 1 }, 3);
        double mean = Enumerable.Range(0, 4000).Average(i => Enumerable.Range(0, 16).Sum(j => (double)data.Points[(i * 16) + j] * data.Centres[j]));
        Assert.Equal(mean, AmClusteringDatasets.MeanResultant(16, 10), 2);
    }

    [Fact]
    public void The_scatter_is_the_2d_gaussian_with_the_largest_K_and_the_middle_separation()
    {
        var c = new AmClusteringConfig { Gaussian = new GaussianDataSection { Dims = [2, 5], Components = [3, 6], Separations = [2, 4, 8], Points = 20 }, Seeds = 2 };
        ClusteringDataset? picked = AmClusteringExperiment.PickScatter(c, AmClusteringDatasets.Build(c));
        Assert.Equal("gaussian-d2-K6-sep4-s0", picked?.Name);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }


    private (ExperimentReport Report, string Folder) Run(AmClusteringConfig config)
    {
        RunFolder run = RunFolder.Create(_root, "am-clustering");
        var e = new AmClusteringExperiment();
        ExperimentReport report = e.Execute(config, new ExperimentContext(run, NullProgress.Instance, CancellationToken.None, "small"));
        report.Write(run.Path);
        return (report, run.Path);
    }
}
