using Trainer.Data.Graphs;
using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

public class ProbeJsonTests
{
    [Fact]
    public void Results_round_trip_through_probes_json_with_snake_case_keys_and_nan()
    {
        Graph graph = SyntheticEmbeddings.PathStar(3, 4);
        ProbeResults r = ProbeSuite.Run(new ProbeSubject { Embedding = SyntheticEmbeddings.Laplacian(graph, 3), Graph = graph }, label: "x", modelKind: "synthetic", step: 7)
            with { Margin = new MarginResult(double.NaN, 1.5, 0, 1, [1.0], [2.0]) };
        string json = ProbeJson.Serialize(r);
        Assert.Contains("\"top_k_recovery\"", json);
        Assert.Contains("\"smooth25\"", json);
        Assert.Contains("\"NaN\"", json);
        ProbeResults back = ProbeJson.Deserialize(json);
        Assert.Equal(r.Spectral!.Smooth25, back.Spectral!.Smooth25);
        Assert.Equal(r.Spectral.Energies, back.Spectral.Energies);
        Assert.Equal(r.Verdict.Label, back.Verdict.Label);
        Assert.Equal(r.Nodes.Arm, back.Nodes.Arm);
        Assert.Equal(r.Associations!.Probabilities[2], back.Associations!.Probabilities[2]);
        Assert.True(double.IsNaN(back.Margin!.MarginW));
        Assert.Equal(ProbeJson.Serialize(back), json);
    }

    [Fact]
    public void A_broken_probes_file_names_itself()
    {
        string path = Path.Combine(Path.GetTempPath(), "probes-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{ not json");
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => ProbeJson.Read(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
