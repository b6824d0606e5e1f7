using Trainer.Models.Core;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Training.Tests.Distributed;

/// <summary>
/// A tiny model for the data-parallel tests: y_hat = x w + b + c [if used] + sum_j E[id]_j [if ids], loss = mean
/// squared error. Weights are given (no global generator: tests run in parallel). <see cref="UseC"/> switches the
/// parameter c on, to make it unused on some ranks; <see cref="Never"/> is never used.
/// </summary>
internal sealed class ToyModule : Module
{
    public ToyModule(float shift, bool sparse = false)
    {
        w = new Parameter(tensor(new[] { 0.5f + shift, -1f, 2f }, new long[] { 3 }));
        b = new Parameter(tensor(new[] { 0.1f - shift }, new long[] { 1 }));
        c = new Parameter(tensor(new[] { 0.3f }, new long[] { 1 }));
        never = new Parameter(tensor(new[] { 1f, 2f }, new long[] { 2 }));
        table = new Parameter(arange(12, ScalarType.Float32).div(10.0).add(shift).reshape(6, 2));
        Sparse = sparse;
    }

    public Parameter w { get; }

    public Parameter b { get; }

    public Parameter c { get; }

    public Parameter never { get; }

    public Parameter table { get; }

    public bool Sparse { get; }
}

internal sealed class ToyRegression : ITrainable
{
    private readonly ToyModule _m;

    public ToyRegression(float shift = 0, bool sparse = false)
    {
        _m = new ToyModule(shift, sparse);
    }

    public bool UseC { get; set; } = true;

    public Module Module => _m;

    public Tensor Loss(Batch batch)
    {
        Tensor pred = batch.Input.matmul(_m.w).add(_m.b);
        if (UseC)
        {
            pred = pred.add(_m.c);
        }

        if (batch.Extra.TryGetValue("ids", out Tensor? ids))
        {
            pred = pred.add(nn.functional.embedding(ids, _m.table, sparse: _m.Sparse).sum(-1));
        }

        return nn.functional.mse_loss(pred, batch.Target!);
    }

    public IReadOnlyDictionary<string, double> Evaluate(Batch batch) =>
        new Dictionary<string, double> { ["loss"] = Loss(batch).item<double>() };

    /// <summary>Gradients by parameter name (dense), null where none.</summary>
    public Dictionary<string, float[]?> Grads() =>
        _m.named_parameters().ToDictionary(p => p.name, p =>
        {
            using Tensor? g = p.parameter.grad;
            return g is null ? null : (g.is_sparse ? g.to_dense() : g).data<float>();
        });
}

/// <summary>A fixed global batch of 8 rows (x in R^3, target, ids in 0..5) for every step.</summary>
internal sealed class ToyBatches : IBatchSource
{
    public long StepsPerEpoch => 4;

    public Batch Train(long step)
    {
        var x = new float[24];
        var y = new float[8];
        var ids = new long[8];
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x[i * 3 + j] = (float)Math.Sin(1.3 * i + 0.7 * j + 0.1 * step);
            }

            y[i] = (float)Math.Cos(0.9 * i + step);
            ids[i] = (i * 5 + step) % 6;
        }

        var extra = new Dictionary<string, Tensor> { ["ids"] = tensor(ids) };
        return new Batch(tensor(x, new long[] { 8, 3 }), tensor(y), extra);
    }

    public IEnumerable<Batch> Validation() => Array.Empty<Batch>();
}
