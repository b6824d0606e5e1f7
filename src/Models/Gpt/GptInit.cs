using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Torch.torch;

namespace Trainer.Models.Gpt;

/// <summary>
/// nanoGPT's initialisation, in nanoGPT's order so that one seed gives the same weights as the Python model:
/// every Linear W ~ N(0, 0.02^2) with b = 0, every Embedding ~ N(0, s^2), then the head ~ N(0, s^2) (when tied this
/// draws the token embedding again, as nanoGPT's <c>apply</c> reaches <c>lm_head</c> last), then the residual output
/// projections (<c>*.c_proj.weight</c>) ~ N(0, (0.02 / sqrt(2 L))^2). s = 0.02, or 1 for embedding_init "normal_1".
/// </summary>
public static class GptInit
{
    /// <summary>Standard deviation of ordinary weights.</summary>
    public const double Std = 0.02;

    public static void Apply(GptModel model)
    {
        double embStd = model.Config.EmbeddingInit == "normal_1" ? 1.0 : Std;
        using var noGrad = no_grad();
        foreach (var (_, m) in model.named_modules())
        {
            if (ReferenceEquals(m, model.lm_head))
            {
                continue;
            }

            InitLeaf(m, embStd);
        }

        nn.init.normal_(model.HeadWeight, 0, embStd);
        ScaleResidualProjections(model, model.Config.NLayer);
    }

    /// <summary>Linear: N(0, 0.02^2) weight and zero bias; Embedding: N(0, embStd^2).</summary>
    public static void InitLeaf(Module m, double embStd)
    {
        switch (m)
        {
            case Linear l:
                nn.init.normal_(l.weight, 0, Std);
                if (l.bias is not null)
                {
                    nn.init.zeros_(l.bias);
                }

                break;
            case Embedding e:
                nn.init.normal_(e.weight, 0, embStd);
                break;
        }
    }

    /// <summary>GPT-2's scaled init of the projections that write into the residual stream.</summary>
    public static void ScaleResidualProjections(Module model, int nLayer)
    {
        double std = Std / Math.Sqrt(2.0 * Math.Max(nLayer, 1));
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.EndsWith("c_proj.weight", StringComparison.Ordinal))
            {
                nn.init.normal_(p, 0, std);
            }
        }
    }
}
