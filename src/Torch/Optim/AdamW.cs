namespace Trainer.Torch.Optim;

/// <summary>
/// AdamW, as torch.optim.AdamW (PyTorch 1.13, single-tensor form): <see cref="Adam"/> with the weight decay
/// decoupled from the gradient, applied to the parameter before the moment update:
/// <code>
/// theta = theta * (1 - gamma * lambda)
/// m_t, v_t, theta as in Adam (with the undecayed g)
/// </code>
/// The default weight decay is 1e-2, as in PyTorch.
/// </summary>
public sealed class AdamW : Adam
{
    public AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, (double beta1, double beta2)? betas = null,
        double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(groups, lr, betas ?? (0.9, 0.999), eps, weight_decay, amsgrad, maximize, decoupled: true)
    {
    }
}
