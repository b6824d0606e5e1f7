using System.Globalization;
using Trainer.Data.Randomness;
using Trainer.Models.OuterProduct;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.ScalingLaws;

/// <summary>One optimiser setting of the sweep: "model,optimizer,lr,batch,layer_norm".</summary>
public sealed record OptSetting(string Model, string Optimizer, double Lr, int Batch, bool LayerNorm)
{
    public static OptSetting Parse(string text)
    {
        string[] f = text.Split(',', StringSplitOptions.TrimEntries);
        if (f.Length != 5)
        {
            throw new ArgumentException($"optimiser setting '{text}' must be 'model,optimizer,lr,batch,layer_norm'");
        }

        return new OptSetting(f[0], f[1], double.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), bool.Parse(f[4]));
    }

    /// <summary>A label such as "matrix Adam(beta=0)+LN, lr 0.1, |B| 1024".</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture,
        $"{Model} {(Optimizer == "adam" ? "Adam(beta=0)" : "SGD")}{(LayerNorm ? "+LN" : "")}, lr {Lr:G4}, |B| {Batch}");
}

/// <summary>Measurements of the scaling-laws experiment that are not count-based sweeps: training runs, fits, maps.</summary>
public static class ScalingLawsMeasure
{
    /// <summary>
    /// Least-squares slope of ln(error) against ln(x) over the points with error &gt; 0 (NaN with fewer than 2):
    /// the fitted exponent b of error ~ a x^b.
    /// </summary>
    public static double LogLogSlope(IReadOnlyList<(double X, double Error)> points)
    {
        var pts = points.Where(p => p.Error > 0 && p.X > 0).Select(p => (Math.Log(p.X), Math.Log(p.Error))).ToList();
        if (pts.Count < 2)
        {
            return double.NaN;
        }

        double mx = pts.Average(p => p.Item1), my = pts.Average(p => p.Item2);
        double sxy = pts.Sum(p => (p.Item1 - mx) * (p.Item2 - my)), sxx = pts.Sum(p => (p.Item1 - mx) * (p.Item1 - mx));
        return sxx > 0 ? sxy / sxx : double.NaN;
    }

    /// <summary>
    /// Trains one <see cref="LearnedMemory"/> for a single pass over <paramref name="samples"/> Zipf(alpha) draws with
    /// the authors' optimiser and returns its exact p-weighted error over all N inputs.
    /// </summary>
    public static double TrainedError(OptSetting s, int inputs, int classes, int dim, double alpha, int samples, ulong seed)
    {
        double[] p = MemoryTheory.Zipf(inputs, alpha);
        var table = new AliasTable(p);
        var rng = new Rng(Rng.DeriveSeed(seed, "samples"));
        int[] xs = new int[samples / s.Batch * s.Batch];
        for (int i = 0; i < xs.Length; i++)
        {
            xs[i] = table.Sample(rng);
        }

        manual_seed(Rng.DeriveSeed(seed, "init"));
        using var model = new LearnedMemory(new LearnedMemoryConfig { Inputs = inputs, Classes = classes, Dim = dim, Model = s.Model, LayerNorm = s.LayerNorm });
        var batches = new AssociationBatches(xs, inputs, classes, s.Batch);
        var optimizer = model.MakeOptimizer(s.Optimizer, s.Lr);
        AssociationBatches.TrainOnePass(model, batches, optimizer);
        return model.Error(p).Error;
    }

    /// <summary>
    /// Heat maps softmax_y(u_y^T W e_x) (N rows, M columns) of the count-based memories built from one sample of T
    /// Zipf(alpha) tokens, one per estimator, with the memory's p-weighted error.
    /// </summary>
    public static IReadOnlyList<(string Name, double[][] Map, double Error)> Heatmaps(
        IReadOnlyList<EstimatorSpec> estimators, int inputs, int classes, int dim, double alpha, long samples, ulong seed)
    {
        double[] p = MemoryTheory.Zipf(inputs, alpha);
        int[] counts = OuterProductSweep.NestedCounts(p, [samples], Rng.DeriveSeed(seed, "map-samples"))[0];
        using var codebook = MemoryCodebook.Random(inputs, classes, dim, Rng.DeriveSeed(seed, "map-codebook"));
        using Tensor labels = arange(inputs, ScalarType.Int64).remainder(classes);
        using Tensor pt = tensor(p);
        var result = new List<(string, double[][], double)>();
        foreach (EstimatorSpec est in estimators)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor q = tensor(est.Weights(counts, samples, dim, classes));
            Tensor w = OuterProductMemory.Build(codebook, labels, q);
            double[] flat = MemoryMaps.Heatmap(codebook, w).to(ScalarType.Float64).data<double>();
            double[][] map = Enumerable.Range(0, inputs).Select(x => flat.AsSpan(x * classes, classes).ToArray()).ToArray();
            double error = OuterProductMemory.Evaluate(codebook, labels, q, pt)[0].Error;
            result.Add((est.Name, map, error));
        }

        return result;
    }
}
