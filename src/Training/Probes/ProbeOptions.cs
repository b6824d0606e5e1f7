namespace Trainer.Training.Probes;

/// <summary>Configs of every probe and of the verdict, with the paper's defaults.</summary>
public sealed record ProbeOptions
{
    public EdgeRecoveryConfig EdgeRecovery { get; init; } = new();

    public GeometricLevelConfig GeometricLevel { get; init; } = new();

    public SpectralConfig Spectral { get; init; } = new();

    public DistanceStructureConfig Distance { get; init; } = new();

    public ArmNavigationConfig Navigation { get; init; } = new();

    public OuterProductConfig OuterProduct { get; init; } = new();

    public VerdictRule Verdict { get; init; } = new();

    /// <summary>Largest graph whose dense n x n next-node scores are computed (edge recovery, margins).</summary>
    public int MaxScoredNodes { get; init; } = 4096;

    /// <summary>Probe <c>best.safetensors</c> instead of the latest checkpoint when the run has one.</summary>
    public bool Best { get; init; }

    /// <summary>Also write the projector files and scalars into the run's TensorBoard folder.</summary>
    public bool TensorBoard { get; init; } = true;
}
