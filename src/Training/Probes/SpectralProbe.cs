using Trainer.Data.Graphs;

namespace Trainer.Training.Probes;

/// <summary>Config of <see cref="SpectralProbe"/>.</summary>
public sealed record SpectralConfig
{
    /// <summary>Random-embedding control draws.</summary>
    public int ControlDraws { get; init; } = 16;

    /// <summary>Seed of the control draws.</summary>
    public ulong Seed { get; init; } = 4321;

    /// <summary>Largest graph decomposed (a dense n x n eigh); larger graphs skip this probe.</summary>
    public int MaxNodes { get; init; } = 4096;
}

/// <summary>Result of <see cref="SpectralProbe"/>.</summary>
/// <param name="Eigenvalues">Eigenvalues of R_s after the dropped first one, descending (n - 1).</param>
/// <param name="Energies">energy_i = ||E^T v_i||^2 for the same eigenvectors, shared evenly within each eigenspace.</param>
/// <param name="DroppedEigenvalue">The largest eigenvalue (its eigenvector is dropped).</param>
/// <param name="DroppedEnergy">Energy on the dropped eigenvector.</param>
/// <param name="TotalEnergy">||E||_F^2 = DroppedEnergy + sum(Energies).</param>
/// <param name="M">m = floor((n - 1) / 4), the quarter size.</param>
/// <param name="Smooth25">Energy on the m smoothest kept eigenvectors over the kept energy.</param>
/// <param name="Rough25">Energy on the m roughest eigenvectors over the kept energy.</param>
/// <param name="Chance">m / (n - 1): what an isotropic embedding gets on average.</param>
/// <param name="ControlSmooth25">Smooth25 of the random-embedding control.</param>
/// <param name="ControlRough25">Rough25 of the random-embedding control.</param>
public sealed record SpectralResult(
    double[] Eigenvalues,
    double[] Energies,
    double DroppedEigenvalue,
    double DroppedEnergy,
    double TotalEnergy,
    int M,
    double Smooth25,
    double Rough25,
    double Chance,
    ControlStats ControlSmooth25,
    ControlStats ControlRough25);

/// <summary>
/// Spectral alignment (paper section 3.4, Node2Vec's spectral bias as the reference): how E's energy
/// energy_i = ||E^T v_i||^2 spreads over the eigenvectors v_i of R_s (<see cref="GraphSpectrum"/>), sorted from
/// smooth to rough with the first dropped. smooth25 / rough25 are the shares of the kept energy on the m = ⌊(n-1)/4⌋
/// smoothest / roughest eigenvectors; an isotropic embedding gets about m/(n-1) on each; geometric memory piles
/// energy on the smooth end, a "zig-zag" geometry on the rough end. Energies within a degenerate eigenspace are
/// shared evenly, so the numbers do not depend on the basis eigh happened to return (they equal the paper's
/// whenever no quarter boundary splits an eigenspace).
/// </summary>
public sealed class SpectralProbe
{
    public SpectralProbe(SpectralConfig? config = null) => Config = config ?? new SpectralConfig();

    public SpectralConfig Config { get; }

    /// <summary>The spectrum of <paramref name="e"/> on <paramref name="graph"/>; null when the graph is over <see cref="SpectralConfig.MaxNodes"/> or has fewer than 5 nodes.</summary>
    public SpectralResult? Run(EmbeddingMatrix e, Graph graph)
    {
        int n = graph.NodeCount;
        if (n > Config.MaxNodes || n < 5)
        {
            return null;
        }

        using GraphSpectrum spectrum = GraphSpectrum.Of(graph);
        return Run(e, spectrum);
    }

    /// <summary>The same on a decomposed spectrum.</summary>
    public SpectralResult Run(EmbeddingMatrix e, GraphSpectrum spectrum)
    {
        int n = spectrum.NodeCount;
        int m = (n - 1) / 4;
        double[] energies = spectrum.EigenspaceEnergies(e);
        var (smooth, rough) = Shares(energies, m);
        var controls = RandomControl.Draws(e.Rows, e.Cols, Config.ControlDraws, Config.Seed)
            .Select(c => Shares(spectrum.EigenspaceEnergies(c), m))
            .ToList();
        return new SpectralResult(
            spectrum.Eigenvalues[1..],
            energies[1..],
            spectrum.Eigenvalues[0],
            energies[0],
            energies.Sum(),
            m,
            smooth,
            rough,
            (double)m / (n - 1),
            ControlStats.Of(controls.Select(c => c.Smooth).ToList()),
            ControlStats.Of(controls.Select(c => c.Rough).ToList()));
    }

    /// <summary>smooth25 and rough25 of energies in descending-eigenvalue order (index 0 is dropped).</summary>
    public static (double Smooth, double Rough) Shares(IReadOnlyList<double> energies, int m)
    {
        int n = energies.Count;
        double kept = 0;
        for (int i = 1; i < n; i++)
        {
            kept += energies[i];
        }

        double smooth = 0;
        double rough = 0;
        for (int i = 0; i < m; i++)
        {
            smooth += energies[1 + i];
            rough += energies[n - 1 - i];
        }

        return kept > 0 ? (smooth / kept, rough / kept) : (double.NaN, double.NaN);
    }
}
