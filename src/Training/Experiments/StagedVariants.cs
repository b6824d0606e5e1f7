using Trainer.Training.Progress;

namespace Trainer.Training.Experiments;

/// <summary>
/// Trains an experiment's variants one after the other, each with the same step budget, on one progress display
/// (<see cref="StageProgress"/>: steps and tokens run on over the stages); stops before the next variant when the run
/// is cancelled.
/// </summary>
internal static class StagedVariants
{
    /// <summary>
    /// Runs <paramref name="train"/> for each variant with its stage's progress sink, then <paramref name="finished"/>
    /// with its result; returns the results of the variants that ran, in order.
    /// </summary>
    public static List<T> Run<T>(IReadOnlyList<string> variants, long stepsPerVariant, ExperimentContext context,
        Func<string, IProgressSink, T> train, Action<string, T> finished)
    {
        var results = new List<T>();
        long total = stepsPerVariant * variants.Count;
        long tokens = 0;
        for (int v = 0; v < variants.Count && !context.Cancel.IsCancellationRequested; v++)
        {
            var stage = new StageProgress(context.Progress, variants[v], v * stepsPerVariant, total, tokens);
            T result = train(variants[v], stage);
            tokens = stage.LastTokens;
            finished(variants[v], result);
            results.Add(result);
        }

        return results;
    }
}
