using System.Globalization;
using System.Text.Json;
using Trainer.Models.OuterProduct;
using Trainer.Training.Experiments;
using Trainer.Training.Experiments.ScalingLaws;
using Trainer.Training.Progress;
using Trainer.Training.Runs;

namespace Trainer.Training.Tests.Experiments.ScalingLaws;

public sealed class ScalingLawsExperimentTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"scaling-laws-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>N = 200, alpha = 2, T = 1e5 so every token that matters is seen; d from 8 to 256; a tiny optimiser sweep.</summary>
    private static ScalingLawsConfig Tiny() => new()
    {
        Inputs = 200,
        Alphas = [2],
        Dims = [12, 24, 48, 96, 192],
        DimSweepSamples = 100_000,
        Samples = [30, 100, 300, 1000],
        SampleSweepDim = 2000,
        Draws = 6,
        OptInputs = 20,
        OptDims = [10, 20],
        OptSamples = 1024,
        OptSeeds = 1,
        OptSettings = ["matrix,adam,0.1,64,false", "learnable,sgd,1,64,true"],
        MapSamples = 50,
    };

    [Fact]
    public void Experiment_runs_at_tiny_size_and_writes_its_report()
    {
        var (report, folder) = Run(Tiny());
        foreach (string f in new[] { "report.html", "report.md", "results.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, f)), f);
        }

        Assert.Equal(4, report.Blocks.Count(b => b.Kind == "figure" && b.Text.Contains("error", StringComparison.Ordinal) && !b.Text.StartsWith("Error", StringComparison.Ordinal)));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
        var dTable = Rows(json, "Mean error per (estimator, d)");
        string[] thr = dTable.Single(r => r[0].StartsWith("threshold", StringComparison.Ordinal));
        double[] errors = thr[1..6].Select(Num).ToArray();
        for (int i = 1; i < errors.Length; i++)
        {
            Assert.True(errors[i] <= errors[i - 1] + 0.01, $"thresholding error rose with d: {string.Join(", ", errors)}");
        }

        Assert.True(errors[^1] < errors[0] / 4, $"thresholding error barely fell: {string.Join(", ", errors)}");
        double slope = Num(thr[6]);
        Assert.Equal(-1.0, Num(thr[7]), 6); // the theory column: -(alpha - 1)
        Assert.InRange(slope, -1.6, -0.6);
        var opt = Rows(json, "Error per (optimiser setting, d)");
        Assert.Equal(2, opt.Count);
        Assert.All(opt, r => Assert.InRange(Num(r[1]), 0, 1));
    }

    [Fact]
    public void Rho_zero_error_with_d_far_above_N_matches_the_unseen_mass()
    {
        // With d >> N the memory of every seen token is nearly exact, and an unseen token is right by chance (1/M),
        // so the error is (1 - 1/M) U_T. U_T is the exact sum_x p(x)(1 - p(x))^T (an independent closed form).
        var (_, folder) = Run(Tiny());
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
        foreach (string[] r in Rows(json, "Mean error per (T, estimator)"))
        {
            long t = long.Parse(r[0], CultureInfo.InvariantCulture);
            double exact = MemoryTheory.UnseenMass(MemoryTheory.Zipf(200, 2), t);
            Assert.Equal(exact, Num(r[1]), 3);
            double predicted = (1 - 1.0 / 5) * exact;
            double rho0 = Num(r[5]);
            Assert.True(Math.Abs(rho0 - predicted) < 0.25 * predicted + 0.01, $"T = {t}: rho=0 error {rho0} vs (1-1/M) U_T {predicted}");
        }
    }

    [Fact]
    public void Log_log_slope_recovers_a_power_law_exponent()
    {
        var pts = new[] { 10.0, 20, 40, 80 }.Select(x => (x, 3 * Math.Pow(x, -1.25))).ToList();
        Assert.Equal(-1.25, ScalingLawsMeasure.LogLogSlope(pts), 9);
        Assert.True(double.IsNaN(ScalingLawsMeasure.LogLogSlope([(10, 0.0), (20, 0.1)])));
    }

    [Theory]
    [InlineData("scaling-laws.json", "small")]
    [InlineData("scaling-laws-large.json", "large")]
    public void Config_files_bind_strictly_and_their_settings_parse(string file, string scale)
    {
        string dir = Path.GetDirectoryName(SourceFile())!;
        while (!Directory.Exists(Path.Combine(dir, "configs", "experiments")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("configs/experiments not found above the test folder");
        }

        var c = (ScalingLawsConfig)ExperimentRegistry.LoadConfig(new ScalingLawsExperiment(), scale, Path.Combine(dir, "configs", "experiments", file), []);
        Assert.Contains(2.0, c.Alphas);
        Assert.All(c.OptSettings, s => Assert.Equal(0, c.OptSamples % OptSetting.Parse(s).Batch));
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static List<string[]> Rows(JsonDocument json, string captionStart) =>
        json.RootElement.GetProperty("tables").EnumerateArray()
            .First(t => t.GetProperty("caption").GetString()!.StartsWith(captionStart, StringComparison.Ordinal))
            .GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToList();

    private (ExperimentReport Report, string Folder) Run(ScalingLawsConfig config)
    {
        RunFolder run = RunFolder.Create(_root, "scaling-laws");
        var experiment = new ScalingLawsExperiment();
        ExperimentReport report = experiment.Execute(config, new ExperimentContext(run, NullProgress.Instance, CancellationToken.None, "small"));
        report.Write(run.Path);
        return (report, run.Path);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
