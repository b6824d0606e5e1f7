using System.Text.Json;
using Trainer.Training.Experiments;
using Trainer.Training.Experiments.GeometricMemory;
using Trainer.Training.Progress;
using Trainer.Training.Runs;

namespace Trainer.Training.Tests.Experiments.GeometricMemory;

public class GeometricMemoryExperimentTests
{
    [Fact]
    public void Tiny_run_writes_its_report_and_tells_node2vec_from_the_frozen_control()
    {
        string root = Path.Combine(Path.GetTempPath(), "geo-exp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var exp = new GeometricMemoryExperiment();
            var cfg = (GeometricMemoryConfig)exp.DefaultConfig("small") with { Steps = 150, Node2VecSteps = 600 };
            RunFolder run = RunFolder.Create(root, exp.Name);
            run.WriteConfig(cfg);
            ExperimentReport report = exp.Execute(cfg, new ExperimentContext(run, NullProgress.Instance, CancellationToken.None, "small"));
            report.Write(run.Path);

            Assert.True(File.Exists(run.File("report.html")));
            Assert.True(File.Exists(run.File("probe-report.html")));
            using var results = JsonDocument.Parse(File.ReadAllText(run.File("results.json")));
            var rows = results.RootElement.GetProperty("tables")[0].GetProperty("rows").EnumerateArray()
                .Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray())
                .ToDictionary(r => r[1]);
            Assert.Equal(5, rows.Count);
            double Smooth(string model) => double.Parse(rows[model][4], System.Globalization.CultureInfo.InvariantCulture);
            // Node2Vec piles its energy on the smoothest eigenvectors; the frozen control stays near chance (~0.25).
            Assert.True(Smooth("node2vec") > Smooth("edge_network_frozen") + 0.3,
                $"node2vec smooth25 {Smooth("node2vec")} vs frozen {Smooth("edge_network_frozen")}");
            Assert.Equal("associative", rows["edge_network_frozen"][7]);
            Assert.StartsWith("geometric", rows["node2vec"][7]);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
