using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Kernelized;

/// <summary>Configuration of a <see cref="KernelizedHopfield"/> memory (defaults: the authors' synthetic metastable script).</summary>
public sealed record KernelizedHopfieldConfig
{
    public FeatureMapConfig FeatureMap { get; init; } = new() { InputDim = 5, FeatureDim = 5 };

    /// <summary>Inverse temperature beta of the retrieval.</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>CCCP updates per retrieval.</summary>
    public int RetrievalSteps { get; init; } = 20;

    public NormalizerKind Normalizer { get; init; } = NormalizerKind.Entmax15;

    /// <summary>Put features on the unit sphere before the kernel (the paper's setting).</summary>
    public bool NormalizeFeatures { get; init; } = true;

    /// <summary>U-Hop+ separation stage.</summary>
    public UHopPlusOptions Separation { get; init; } = new();

    /// <summary>Metastable-state threshold (weights above it count; 0 for sparse normalisers, 0.01 for softmax).</summary>
    public double MetastableThreshold { get; init; }
}

/// <summary>
/// A kernelized Hopfield model (KHM; "Provably Optimal Memory Capacity for Modern Hopfield Models: Transformer-
/// Compatible Dense Associative Memories as Spherical Codes", Hu, Wu and Liu, NeurIPS 2024): stored memories Xi (M, d)
/// (a buffer), a learned feature map Phi, retrieval T_Phi(x) = Xi^T normalizer(beta Phi(Xi) Phi(x)) iterated, and
/// U-Hop+ (<see cref="Separate"/>), which trains Phi to spread Phi(Xi) on the sphere (towards an optimal spherical code)
/// so that Delta_min grows and metastable states shrink.
/// </summary>
public sealed class KernelizedHopfield : Module
{
    public KernelizedHopfield(KernelizedHopfieldConfig config, Tensor memories)
    {
        if (memories.ndim != 2 || memories.size(1) != config.FeatureMap.InputDim)
        {
            throw new ArgumentException($"memories must be (M, {config.FeatureMap.InputDim}), got [{string.Join(", ", memories.shape)}]", nameof(memories));
        }

        Config = config;
        phi = new FeatureMap(config.FeatureMap);
        register_buffer("memories", memories.detach().clone());
    }

    public KernelizedHopfieldConfig Config { get; }

    public FeatureMap phi { get; }

    /// <summary>Stored memories Xi, (M, d).</summary>
    public Tensor Memories => named_buffers(recurse: false).First(b => b.name == "memories").buffer;

    /// <summary>U-Hop+ stage 1 with the configured options; returns the loss before each step.</summary>
    public List<double> Separate() => UHopPlus.Separate(phi, Memories, Config.Separation);

    /// <summary>Retrieval from queries (B, d) with the configured beta, steps and normaliser.</summary>
    public RetrievalResult Retrieve(Tensor queries)
    {
        using var _ = no_grad();
        return KernelizedRetrieval.Retrieve(phi, Memories, queries, Config.Beta, Config.RetrievalSteps, Config.Normalizer,
            Config.NormalizeFeatures);
    }

    /// <summary>Mean metastable-state size of the queries after retrieval.</summary>
    public double MeanMetastableSize(Tensor queries)
    {
        using RetrievalResult r = Retrieve(queries);
        return SeparationMetrics.MeanMetastableSize(r.Weights, Config.MetastableThreshold);
    }

    /// <summary>Delta_min of the memories in feature space.</summary>
    public double FeatureDeltaMin()
    {
        using var _ = no_grad();
        using Tensor f = phi.forward(Memories);
        return SeparationMetrics.DeltaMin(f);
    }

    protected override string ExtraRepr() =>
        $"memories={Memories.size(0)}, beta={Config.Beta:G6}, steps={Config.RetrievalSteps}, normalizer={Config.Normalizer.ToString().ToLowerInvariant()}";
}
