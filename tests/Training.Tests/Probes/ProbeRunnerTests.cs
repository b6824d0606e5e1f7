using System.Globalization;
using Trainer.Training.Logging;
using Trainer.Training.Probes;
using Trainer.Training.Runs;
using Xunit.Abstractions;

namespace Trainer.Training.Tests.Probes;

[Collection(TinyProbeRunsCollection.Name)]
public class ProbeRunnerTests(TinyProbeRuns runs, ITestOutputHelper output)
{
    [Fact]
    public void Probing_a_trained_edge_network_writes_probes_json_scalars_and_projector_files()
    {
        foreach (string old in Directory.GetFiles(runs.Learned.Path, "events.out.tfevents.*.probes"))
        {
            File.Delete(old); // another test of this collection may have probed the run already
        }

        ProbeResults r = ProbeRunner.Run(runs.Learned);
        Report(r);

        Assert.Equal("edge_network", r.ModelKind);
        Assert.Equal(300, r.Step);
        Assert.Equal(10, r.NodeCount);
        Assert.Equal(9, r.EdgeCount);
        Assert.Equal("model", r.ScoreSource);
        Assert.True(r.EdgeRecovery!.TopKRecovery >= 0.9, $"the trained edge network recovers only {r.EdgeRecovery.TopKRecovery} of its edges");
        Assert.NotNull(r.Margin);
        Assert.NotNull(r.Navigation);
        Assert.Equal(r.Verdict.Label, ProbeRunner.Read(runs.Learned)!.Verdict.Label);
        Assert.Equal(r.Spectral!.Smooth25, ProbeRunner.Read(runs.Learned)!.Spectral!.Smooth25);

        string eventFile = Assert.Single(Directory.GetFiles(runs.Learned.Path, "events.out.tfevents.*.probes"));
        var scalars = EventFileReader.ReadAll(eventFile).SelectMany(e => e.Values.Select(v => (e.Step, v))).ToList();
        var topk = scalars.Single(s => s.v.Tag == "probe/topk_recovery");
        Assert.Equal(300, topk.Step);
        Assert.Equal((float)r.EdgeRecovery.TopKRecovery, topk.v.SimpleValue);
        Assert.Contains(scalars, s => s.v.Tag == "probe/smooth25");
        Assert.Contains(scalars, s => s.v.Tag == "probe/spectral_energy");

        string folder = Path.Combine(runs.Learned.Path, "00300", ProbeRunner.EmbeddingTag);
        string[] metadata = File.ReadAllLines(Path.Combine(folder, "metadata.tsv"));
        Assert.Equal("node\tarm\tdepth\tdegree", metadata[0]);
        Assert.Equal(11, metadata.Length);
        Assert.Equal("0\t-\t0\t3", metadata[1]); // root: no arm, depth 0, three arms
        Assert.Equal(10, File.ReadAllLines(Path.Combine(folder, "tensors.tsv")).Length);
        Assert.Equal(8, File.ReadAllLines(Path.Combine(folder, "tensors.tsv"))[0].Split('\t').Length);
        Assert.Contains("node_embeddings:00300", File.ReadAllText(Path.Combine(runs.Learned.Path, "projector_config.pbtxt")));
    }

    [Fact]
    public void The_model_scores_are_its_logits_after_the_edge_prompt()
    {
        var (_, _, prepared) = Trainer.Training.Tasks.RunLoader.Load(runs.Learned);
        try
        {
            var model = (Trainer.Models.EdgeNetwork.EdgeNetworkModel)prepared.Model;
            ScoreMatrix s = ModelSubjects.EdgePromptScores(model, 10);
            using var noGrad = Trainer.Torch.torch.no_grad();
            using var logits = model.forward(Trainer.Torch.torch.tensor(new long[] { 17, 4 }, new long[] { 1, 2 })); // [EDGE] = 10 + 7
            float[] row = logits.select(1, 1).narrow(1, 0, 10).contiguous().data<float>();
            Assert.Equal(row, s.Row(4).ToArray());
        }
        finally
        {
            prepared.Model.Module.Dispose();
        }
    }

    [Fact]
    public void The_frozen_control_memorises_through_W_while_its_embeddings_stay_at_chance()
    {
        ProbeResults r = ProbeRunner.Run(runs.Frozen);
        Report(r);
        Assert.Equal("edge_network_frozen", r.ModelKind);
        Assert.True(r.EdgeRecovery!.TopKRecovery >= 0.9, $"top-k {r.EdgeRecovery.TopKRecovery}");
        Assert.Equal(Verdict.Associative, r.Verdict.Label);
        Assert.All(r.Verdict.Signals, s => Assert.False(s.Geometric, s.Name));
        // The memory lives in W's couplings: keeping only W's diagonal in E's singular basis loses it.
        Assert.True(r.Margin!.MarginW > 0 && r.Margin.MarginWPrime < r.Margin.MarginW / 2, $"margins {r.Margin.MarginW} / {r.Margin.MarginWPrime}");
        Assert.True(r.Margin.Top1WPrime < r.Margin.Top1W);
    }

    [Fact]
    public void Without_self_edges_the_edge_network_zig_zags_and_with_them_its_geometry_is_smooth()
    {
        // The paper's v3 remark: the zig-zag geometry comes from strongly negative eigen-directions and disappears
        // once self-edges are trained. Both runs memorise their edges.
        ProbeResults plain = ProbeRunner.Read(runs.Learned) ?? ProbeRunner.Run(runs.Learned);
        ProbeResults self = ProbeRunner.Run(runs.SelfEdges);
        Report(self);
        Assert.True(plain.Verdict.ZigZag, $"rough25 {plain.Spectral!.Rough25} (control {plain.Spectral.ControlRough25.Mean})");
        Assert.Equal("rough25", plain.Verdict.Signals[0].Name);
        Assert.True(plain.GeometricLevel!.EdgeCos < 0, "without self-edges neighbours point apart");
        Assert.True(self.EdgeRecovery!.TopKRecovery >= 0.9);
        Assert.False(self.Verdict.ZigZag);
        Assert.Equal(Verdict.Geometric, self.Verdict.Label);
        Assert.True(self.Spectral!.Smooth25 > plain.Spectral.Smooth25 + 0.2);
    }

    [Fact]
    public void A_gpt_run_is_probed_through_its_own_logits_without_margin_diagnostics()
    {
        ProbeResults r = ProbeRunner.Run(runs.Gpt);
        Report(r);
        Assert.Equal("gpt", r.ModelKind);
        Assert.Equal("model", r.ScoreSource);
        Assert.Equal(16, r.Dim);
        Assert.Null(r.Margin);
        Assert.Contains(r.Notes, n => n.Contains("margin", StringComparison.Ordinal));
        Assert.True(File.Exists(runs.Gpt.File(ProbeRunner.FileName)));
    }

    [Fact]
    public void A_node2vec_run_is_scored_by_its_embedding_dot_products()
    {
        ProbeResults r = ProbeRunner.Run(runs.Node2Vec);
        Report(r);
        Assert.Equal("node2vec", r.ModelKind);
        Assert.Equal("embedding_dot", r.ScoreSource);
        Assert.Equal(16, r.Dim);
        Assert.Null(r.Margin);
        Assert.Equal(0.0, r.Associations!.Probabilities[0][0]); // self excluded from the answers
    }

    private void Report(ProbeResults r)
    {
        string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
        output.WriteLine($"{r.Run}: verdict {r.Verdict.Label}; top-k {F(r.EdgeRecovery!.TopKRecovery)}, top-1 {F(r.EdgeRecovery.Top1Accuracy)}");
        output.WriteLine($"  edge cos {F(r.GeometricLevel!.EdgeCos)}, gap {F(r.GeometricLevel.Excess)} (control {F(r.GeometricLevel.ControlExcess.Mean)} ± {F(r.GeometricLevel.ControlExcess.Sd)})");
        output.WriteLine($"  smooth25 {F(r.Spectral!.Smooth25)} (control {F(r.Spectral.ControlSmooth25.Mean)} ± {F(r.Spectral.ControlSmooth25.Sd)}, chance {F(r.Spectral.Chance)}), rough25 {F(r.Spectral.Rough25)}");
        output.WriteLine($"  Spearman {F(r.Distance!.Spearman)} (control {F(r.Distance.ControlSpearman.Mean)} ± {F(r.Distance.ControlSpearman.Sd)}), kNN {F(r.Distance.KnnRecovery)}");
        if (r.Navigation is { } n)
        {
            output.WriteLine($"  arm navigation {F(n.ArmMeanAccuracy)} / {F(n.NearestNodeAccuracy)} (chance {F(n.Chance)})");
        }

        if (r.Margin is { } m)
        {
            output.WriteLine($"  margin W {F(m.MarginW)}, W' {F(m.MarginWPrime)}, top-1 W {F(m.Top1W)}, W' {F(m.Top1WPrime)}");
        }
    }
}
