using Trainer.Models.Core;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.OuterProduct;

/// <summary>
/// Single-pass batches over T samples x_1..x_T in order (the authors' run.py): step s takes x[s B .. s B + B) with
/// labels f*(x) = x mod M; an epoch is floor(T / B) steps (T should be a multiple of B). Validation is one batch of all
/// N tokens with their labels.
/// </summary>
public sealed class AssociationBatches : IBatchSource
{
    private readonly long[] _samples;
    private readonly int _inputs;
    private readonly int _classes;

    public AssociationBatches(int[] samples, int inputs, int classes, int batchSize)
    {
        if (batchSize < 1 || samples.Length < batchSize)
        {
            throw new ArgumentException($"need 1 <= batch size <= T; got batch size {batchSize}, T {samples.Length}");
        }

        _samples = samples.Select(x => (long)x).ToArray();
        _inputs = inputs;
        _classes = classes;
        BatchSize = batchSize;
    }

    public int BatchSize { get; }

    public long StepsPerEpoch => _samples.Length / BatchSize;

    public Batch Train(long step)
    {
        long start = step % StepsPerEpoch * BatchSize;
        long[] x = _samples.AsSpan((int)start, BatchSize).ToArray();
        long[] y = x.Select(v => v % _classes).ToArray();
        return new Batch(tensor(x), tensor(y));
    }

    public IEnumerable<Batch> Validation()
    {
        long[] x = Enumerable.Range(0, _inputs).Select(v => (long)v).ToArray();
        yield return new Batch(tensor(x), tensor(x.Select(v => v % _classes).ToArray()));
    }

    /// <summary>
    /// One pass of the authors' loop over all steps: zero_grad, cross-entropy, backward, step. Returns the loss of
    /// each step.
    /// </summary>
    public static double[] TrainOnePass(LearnedMemory model, AssociationBatches batches, Torch.Optim.Optimizer optimizer)
    {
        var losses = new double[batches.StepsPerEpoch];
        for (long s = 0; s < batches.StepsPerEpoch; s++)
        {
            using DisposeScope scope = NewDisposeScope();
            using Batch batch = batches.Train(s);
            optimizer.zero_grad();
            Tensor loss = model.Loss(batch);
            loss.backward();
            optimizer.step();
            losses[s] = loss.item<float>();
        }

        return losses;
    }
}
