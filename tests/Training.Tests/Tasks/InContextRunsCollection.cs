namespace Trainer.Training.Tests.Tasks;

/// <summary>
/// Tests that train with libtorch's global generator (initialisation, Langevin noise) run alone, so another test's
/// draws cannot change their numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InContextRunsCollection
{
    public const string Name = "in-context tasks and experiments (train with the global generator)";
}
