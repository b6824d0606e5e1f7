using Trainer.Data.Patterns;
using Trainer.Data.Randomness;
using Trainer.Models.Core;
using Trainer.Models.EnergyTransformer;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Tasks.InContext;

/// <summary>
/// Fresh 2-D (or d-D) Gaussian-mixture contexts for the in-context energy transformer (paper digest 4.2), as a pure
/// function of (seed, step): the batch of step s holds B new mixtures, each with its own K means mu_k ~ N(0,
/// mean_std^2 I) and T points x_t = mu_{z_t} + component_std N(0, I), z_t uniform; plus the Langevin chain starts
/// U(init_low, init_high) of shape (B, M, T, d) under <see cref="EnergyTransformerModel.InitialKey"/>, so the only
/// randomness left to the model is the Langevin noise (from the global generator, saved in checkpoints).
/// Validation is one fixed set of held-out mixtures drawn from a separate stream.
/// </summary>
/// <remarks>
/// Example: seed 7, step 3, B = 2, T = 4, K = 3 gives Input (2, 4, 2) float32 and Extra["initial"] (2, M, 4, 2);
/// the same (seed, step) gives the same bytes on every machine and after a resume.
/// </remarks>
public sealed class GaussianMixtureBatches : IBatchSource
{
    private readonly GaussianMixtureIclConfig _mixture;
    private readonly int _batchSize;
    private readonly int _validationSequences;
    private readonly int _negatives;
    private readonly double _initLow;
    private readonly double _initHigh;
    private readonly ulong _seed;

    /// <param name="mixture">The mixture family (its <c>Sequences</c> is ignored: B per batch).</param>
    /// <param name="batchSize">Contexts per training batch B.</param>
    /// <param name="validationSequences">Held-out contexts in the validation batch (0 = none).</param>
    /// <param name="negatives">Langevin chains per real point M (the model's negatives_per_real).</param>
    /// <param name="initLow">Lower end of the uniform chain starts.</param>
    /// <param name="initHigh">Upper end of the uniform chain starts.</param>
    /// <param name="seed">Seed of the whole stream.</param>
    public GaussianMixtureBatches(GaussianMixtureIclConfig mixture, int batchSize, int validationSequences, int negatives, double initLow, double initHigh, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(negatives, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(validationSequences);
        mixture.Validate();
        _mixture = mixture;
        _batchSize = batchSize;
        _validationSequences = validationSequences;
        _negatives = negatives;
        _initLow = initLow;
        _initHigh = initHigh;
        _seed = seed;
    }

    /// <summary>Every step brings new mixtures: there are no epochs, so one "epoch" is one step.</summary>
    public long StepsPerEpoch => 1;

    public Batch Train(long step) => Make(_batchSize, Rng.DeriveSeed(Rng.DeriveSeed(_seed, "train"), (ulong)step));

    public IEnumerable<Batch> Validation()
    {
        if (_validationSequences > 0)
        {
            yield return Make(_validationSequences, ValidationSeed(_seed));
        }
    }

    /// <summary>The seed of the validation mixtures (held-out contexts the experiment also plots).</summary>
    public static ulong ValidationSeed(ulong seed) => Rng.DeriveSeed(seed, "validation");

    /// <summary>The mixtures behind a training step: points (B, T, d), labels (B, T), means (B, K, d).</summary>
    public (float[] Points, int[] Labels, float[] Means) Mixtures(long step) =>
        InContextDatasets.GaussianMixture(_mixture with { Sequences = _batchSize }, Rng.DeriveSeed(Rng.DeriveSeed(_seed, "train"), (ulong)step));

    private Batch Make(int count, ulong seed)
    {
        var cfg = _mixture with { Sequences = count };
        var (points, _, _) = InContextDatasets.GaussianMixture(cfg, seed);
        long t = cfg.Points;
        long d = cfg.Dim;
        var starts = new float[count * _negatives * t * d];
        var rng = Rng.ForPurpose(seed, "langevin-starts");
        for (int i = 0; i < starts.Length; i++)
        {
            starts[i] = (float)(_initLow + (_initHigh - _initLow) * rng.NextDouble());
        }

        Tensor input = DisposeScope.Detach(tensor(points, new[] { count, t, d }));
        Tensor initial = DisposeScope.Detach(tensor(starts, new[] { count, _negatives, t, d }));
        return new Batch(input, extra: new Dictionary<string, Tensor> { [EnergyTransformerModel.InitialKey] = initial }, tokens: count * t);
    }
}
