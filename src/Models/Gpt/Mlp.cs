using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Gpt;

/// <summary>The position-wise feed-forward of a block: y = dropout(GELU(x W_fc^T + b_fc) W_proj^T + b_proj), width 4D.</summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    public Mlp(GptConfig config)
    {
        c_fc = new Linear(config.NEmbd, 4 * config.NEmbd, bias: config.Bias);
        gelu = new GELU();
        c_proj = new Linear(4 * config.NEmbd, config.NEmbd, bias: config.Bias);
        dropout = new Dropout(config.Dropout);
    }

    /// <summary>Up projection, weight (4D, D).</summary>
    public Linear c_fc { get; }

    public GELU gelu { get; }

    /// <summary>Down projection, weight (D, 4D).</summary>
    public Linear c_proj { get; }

    public Dropout dropout { get; }

    // x: (..., D) -> (..., D)
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        return scope.MoveToOuter(dropout.call(c_proj.call(gelu.call(c_fc.call(input)))));
    }
}
