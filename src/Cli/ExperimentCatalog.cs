using Trainer.Training.Experiments;

namespace Trainer.Cli;

/// <summary>Registers every experiment the CLI offers (once).</summary>
internal static class ExperimentCatalog
{
    private static bool _done;

    public static void EnsureRegistered()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        foreach (IExperiment e in BuiltIn.All)
        {
            ExperimentRegistry.Register(e);
        }
    }
}
