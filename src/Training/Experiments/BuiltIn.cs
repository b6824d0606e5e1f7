namespace Trainer.Training.Experiments;

/// <summary>The experiments that ship with Trainer (one file or folder each under src/Training/Experiments).</summary>
public static class BuiltIn
{
    public static IReadOnlyList<IExperiment> All { get; } = new IExperiment[]
    {
        new AmClustering.AmClusteringExperiment(),
        new GeometricMemory.GeometricMemoryExperiment(),
        new FactGraph.FactGraphExperiment(),
        new DenseCapacity.DamCapacityExperiment(),
        new IclEnergy.IclEnergyExperiment(),
        new InContextPathStar.InContextPathStarExperiment(),
        new PathStar.PathStarExperiment(),
        new KdeMemory.KdeMemoryExperiment(),
        new KernelizedCapacity.KhmCapacityExperiment(),
        new ScalingLaws.ScalingLawsExperiment(),
    };
}
