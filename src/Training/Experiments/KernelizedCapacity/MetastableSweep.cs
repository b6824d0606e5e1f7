using Trainer.Data.Randomness;
using Trainer.Models.Hopfield.Retrieval;
using Trainer.Models.Kernelized;
using Trainer.Torch;
using Trainer.Training.Logging;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.KernelizedCapacity;

/// <summary>Mean metastable-state size of one (memory set, model, feature mode, beta, normaliser).</summary>
/// <param name="Model">"MHM" (no feature map), "KHM init" (random Phi, before U-Hop+) or "U-Hop+" (after).</param>
/// <param name="UnitFeatures">Features put on the unit sphere before the kernel (always true for MHM, whose memories are unit).</param>
/// <param name="MeanSize">Mean over queries of the number of memories with final weight above the threshold.</param>
/// <param name="DeltaMin">Delta_min of the memories in the model's feature space (unit-normalised).</param>
public sealed record MetastablePoint(int Seed, string Model, bool UnitFeatures, double Beta, NormalizerKind Normalizer, double MeanSize, double DeltaMin);

/// <summary>
/// Metastable states before and after U-Hop+ (Hu, Wu and Liu, NeurIPS 2024; the authors' synthetic_metastable script,
/// digest 5.2): M random unit memories in R^d, random unit queries, retrieval T_Phi(x) = Xi^T normalizer(beta
/// Phi(Xi) Phi(x)) iterated; a query's metastable size is how many memories keep weight in the final update (p &gt; 0
/// for 1.5-entmax and sparsemax, p &gt; threshold for softmax). U-Hop+ spreads Phi(Xi) apart, which should shrink the
/// mixtures towards single memories.
/// </summary>
public sealed class MetastableSweep(MetastableSweepConfig config, ulong seed, SummaryWriter tb, Action tick)
{
    public List<MetastablePoint> Run(CancellationToken cancel)
    {
        var points = new List<MetastablePoint>();
        for (int s = 0; s < config.Seeds && !cancel.IsCancellationRequested; s++)
        {
            using Tensor memories = TammesSweep.UnitMemories(config.Memories, config.InputDim, seed, $"metastable/memories/{s}");
            using Tensor queries = TammesSweep.UnitMemories(config.Queries, config.InputDim, seed, $"metastable/queries/{s}");
            double mhmDelta = SeparationMetrics.DeltaMin(memories);
            Measure(points, s, "MHM", true, mhmDelta, (beta, norm) =>
                HopfieldRetrieval.Retrieve(memories, queries, beta, config.RetrievalSteps, eps: -1, norm));
            foreach (bool unit in config.NormalizeFeatures)
            {
                manual_seed(Rng.DeriveSeed(seed, $"metastable/phi/{s}"));
                using var phi = new FeatureMap(new FeatureMapConfig { InputDim = config.InputDim, FeatureDim = config.FeatureDim });
                Measure(points, s, "KHM init", unit, FeatureDelta(phi, memories), Retrieval(phi, memories, queries, unit));
                UHopPlus.Separate(phi, memories, config.Separation.ToOptions());
                Measure(points, s, "U-Hop+", unit, FeatureDelta(phi, memories), Retrieval(phi, memories, queries, unit));
            }

            tick();
        }

        return points;
    }

    private Func<double, NormalizerKind, RetrievalResult> Retrieval(FeatureMap phi, Tensor memories, Tensor queries, bool unit) =>
        (beta, norm) =>
        {
            using var _ = no_grad();
            return KernelizedRetrieval.Retrieve(phi, memories, queries, beta, config.RetrievalSteps, norm, unit);
        };

    private void Measure(List<MetastablePoint> points, int s, string model, bool unit, double delta, Func<double, NormalizerKind, RetrievalResult> retrieve)
    {
        foreach (double beta in config.Betas)
        {
            foreach (NormalizerKind norm in config.Normalizers)
            {
                using RetrievalResult r = retrieve(beta, norm);
                double threshold = norm == NormalizerKind.Softmax ? config.SoftmaxThreshold : 0;
                double size = SeparationMetrics.MeanMetastableSize(r.Weights, threshold);
                points.Add(new MetastablePoint(s, model, unit, beta, norm, size, delta));
                string feat = unit ? "unit" : "raw";
                tb.add_scalar($"metastable/{Tag(model)}/{feat}/beta_{beta:G4}/{norm.ToString().ToLowerInvariant()}", size, s);
            }
        }
    }

    private static double FeatureDelta(FeatureMap phi, Tensor memories)
    {
        using var _ = no_grad();
        using Tensor f = phi.forward(memories);
        return SeparationMetrics.DeltaMin(f);
    }

    private static string Tag(string model) => model switch
    {
        "MHM" => "mhm",
        "KHM init" => "khm_init",
        _ => "uhop_plus",
    };
}
