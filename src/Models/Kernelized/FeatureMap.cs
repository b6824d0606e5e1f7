using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Kernelized;

/// <summary>Shape of the feature map Phi.</summary>
public enum FeatureMapKind
{
    /// <summary>Phi(x) = W x + b, W (D_Phi, d) (the paper's and the authors' code's choice).</summary>
    Linear,

    /// <summary>Phi(x) = W_2 relu(W_1 x + b_1) + b_2 (an option beyond the paper).</summary>
    Mlp,
}

/// <summary>Configuration of a <see cref="FeatureMap"/>.</summary>
public sealed record FeatureMapConfig
{
    /// <summary>Pattern dimension d.</summary>
    public int InputDim { get; init; } = 3;

    /// <summary>Feature dimension D_Phi.</summary>
    public int FeatureDim { get; init; } = 3;

    public FeatureMapKind Kind { get; init; } = FeatureMapKind.Linear;

    /// <summary>Hidden width of the MLP option (0: FeatureDim).</summary>
    public int HiddenDim { get; init; }
}

/// <summary>
/// The feature map of a kernelized Hopfield model ("Provably Optimal Memory Capacity for Modern Hopfield Models", Hu,
/// Wu and Liu, NeurIPS 2024; paper digest 5.1): kernel K(u, v) = &lt;Phi(u), Phi(v)&gt;, here with Phi linear,
/// Phi(x) = W x + b, W in R^(D_Phi x d), as in the authors' code (nn.Linear with W re-drawn Kaiming-normal for ReLU,
/// std = sqrt(2 / d), and PyTorch's default bias). <see cref="Features"/> puts Phi(x) on the unit sphere.
/// </summary>
public sealed class FeatureMap : Module<Tensor, Tensor>
{
    public FeatureMap(FeatureMapConfig config)
    {
        if (config.InputDim < 1 || config.FeatureDim < 1)
        {
            throw new ArgumentException($"input_dim and feature_dim must be >= 1, got {config.InputDim} and {config.FeatureDim}");
        }

        Config = config;
        if (config.Kind == FeatureMapKind.Linear)
        {
            phi = new Linear(config.InputDim, config.FeatureDim);
        }
        else
        {
            int hidden = config.HiddenDim > 0 ? config.HiddenDim : config.FeatureDim;
            hidden_layer = new Linear(config.InputDim, hidden);
            phi = new Linear(hidden, config.FeatureDim);
        }

        reset_parameters();
    }

    public FeatureMapConfig Config { get; }

    /// <summary>The MLP's first layer, or null for a linear map.</summary>
    public Linear? hidden_layer { get; }

    /// <summary>The (last) affine layer W x + b.</summary>
    public Linear phi { get; }

    /// <summary>Kaiming-normal weights (fan_in, ReLU gain) and PyTorch's default biases.</summary>
    public void reset_parameters()
    {
        using var _ = no_grad();
        foreach (Linear l in new[] { hidden_layer, phi }.OfType<Linear>())
        {
            l.reset_parameters();
            nn.init.kaiming_normal_(l.weight, nonlinearity: "relu");
        }
    }

    /// <summary>Phi(x): (..., d) -> (..., D_Phi).</summary>
    public override Tensor forward(Tensor input)
    {
        if (hidden_layer is null)
        {
            return phi.forward(input);
        }

        using Tensor h = hidden_layer.forward(input);
        using Tensor a = h.relu();
        return phi.forward(a);
    }

    /// <summary>Phi(x) / ||Phi(x)||: features on the unit sphere S^(D_Phi - 1).</summary>
    public Tensor Features(Tensor input)
    {
        using Tensor f = forward(input);
        return nn.functional.normalize(f, 2, -1);
    }

    protected override string ExtraRepr() => $"kind={Config.Kind.ToString().ToLowerInvariant()}, input_dim={Config.InputDim}, feature_dim={Config.FeatureDim}";
}
