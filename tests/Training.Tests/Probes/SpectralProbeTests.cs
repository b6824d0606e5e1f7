using Trainer.Data.Graphs;
using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

public class SpectralProbeTests
{
    [Fact]
    public void Kept_energies_sum_to_the_squared_frobenius_norm_minus_the_dropped_energy()
    {
        Graph graph = SyntheticEmbeddings.PathStar(4, 5);
        EmbeddingMatrix e = SyntheticEmbeddings.Gaussian(graph.NodeCount, 6, seed: 3);
        SpectralResult s = new SpectralProbe().Run(e, graph)!;
        double frob = 0;
        foreach (double x in e.Values)
        {
            frob += x * x;
        }

        Assert.Equal(frob, s.TotalEnergy, 9);
        Assert.Equal(frob - s.DroppedEnergy, s.Energies.Sum(), 9);
        Assert.Equal(graph.NodeCount - 1, s.Energies.Length);
        Assert.Equal(4, s.M);
        Assert.Equal(4.0 / 16, s.Chance);
        Assert.True(s.Eigenvalues.Zip(s.Eigenvalues.Skip(1)).All(p => p.First >= p.Second - 1e-12), "eigenvalues not descending");
    }

    [Fact]
    public void The_smoothest_kept_eigenvector_as_embedding_puts_all_energy_in_smooth25_and_the_roughest_in_rough25()
    {
        Graph graph = GraphFamilies.Irregular16();
        using GraphSpectrum spectrum = GraphSpectrum.Of(graph);
        int n = graph.NodeCount;
        double[] rs = GraphSpectrum.SymmetrisedRandomWalk(graph);
        foreach (var (index, smooth) in new[] { (1, true), (n - 1, false) })
        {
            double[] v = spectrum.Vector(index);
            var e = new EmbeddingMatrix(v, n, 1);
            SpectralResult s = new SpectralProbe().Run(e, spectrum);
            Assert.Equal(smooth ? 1.0 : 0.0, s.Smooth25, 9);
            Assert.Equal(smooth ? 0.0 : 1.0, s.Rough25, 9);
            // v is an eigenvector of R_s with the reported eigenvalue: R_s v = lambda v.
            double lambda = spectrum.Eigenvalues[index];
            for (int u = 0; u < n; u++)
            {
                double acc = 0;
                for (int w = 0; w < n; w++)
                {
                    acc += rs[(u * n) + w] * v[w];
                }

                Assert.Equal(lambda * v[u], acc, 9);
            }
        }
    }

    [Fact]
    public void Isotropic_embeddings_get_about_chance_on_each_quarter()
    {
        Graph graph = GraphFamilies.Grid(5, 5);
        using GraphSpectrum spectrum = GraphSpectrum.Of(graph);
        var probe = new SpectralProbe(new SpectralConfig { ControlDraws = 1 });
        var runs = Enumerable.Range(0, 60).Select(seed => probe.Run(SyntheticEmbeddings.Gaussian(25, 8, seed), spectrum)).ToList();
        double chance = 6.0 / 24;
        Assert.InRange(runs.Average(r => r.Smooth25), chance - 0.03, chance + 0.03);
        Assert.InRange(runs.Average(r => r.Rough25), chance - 0.03, chance + 0.03);
    }

    [PythonProbeFact]
    public void Eigenvalues_energies_and_quarters_match_numpy_eigh()
    {
        foreach (string name in new[] { "spectral-path-star", "spectral-irregular", "spectral-grid" })
        {
            var (c, reference) = ProbeFixtures.Get(name);
            SpectralResult s = new SpectralProbe().Run(c.Embedding, c.Graph)!;
            double[] lambda = ProbeFixtures.Doubles(reference, "eigenvalues");
            double[] energies = ProbeFixtures.Doubles(reference, "energies");
            Assert.Equal(lambda[0], s.DroppedEigenvalue, 9);
            Assert.Equal(lambda[1..], s.Eigenvalues, (a, b) => Math.Abs(a - b) < 1e-9);
            Assert.Equal(energies[0], s.DroppedEnergy, 8);
            Assert.Equal(energies[1..], s.Energies, (a, b) => Math.Abs(a - b) < 1e-8);
            Assert.Equal(reference.GetProperty("smooth25").GetDouble(), s.Smooth25, 9);
            Assert.Equal(reference.GetProperty("rough25").GetDouble(), s.Rough25, 9);
            Assert.Equal(reference.GetProperty("frobenius2").GetDouble() - energies[0], s.Energies.Sum(), 8);
        }
    }
}
