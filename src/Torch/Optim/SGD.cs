namespace Trainer.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, as torch.optim.SGD (PyTorch 1.13, single-tensor form), per parameter
/// theta with gradient g at step t:
/// <code>
/// g   = -g if maximize;  g = g + lambda * theta            (weight_decay lambda, L2)
/// b_1 = g;  b_t = mu * b_{t-1} + (1 - tau) * g            (momentum mu, dampening tau; only when mu != 0)
/// g   = g + mu * b_t  if nesterov,  else g = b_t
/// theta = theta - gamma * g                                (lr gamma)
/// </code>
/// Sparse gradients work when weight decay and momentum are 0 (plain SGD on an <c>Embedding(sparse: true)</c>).
/// </summary>
public sealed class SGD : Optimizer
{
    public SGD(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0,
        double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : base(groups, Defaults(lr, momentum, dampening, weight_decay, nesterov, maximize))
    {
    }

    private static Dictionary<string, double> Defaults(double lr, double momentum, double dampening,
        double weight_decay, bool nesterov, bool maximize) => new()
    {
        ["lr"] = lr,
        ["momentum"] = momentum,
        ["dampening"] = dampening,
        ["weight_decay"] = weight_decay,
        ["nesterov"] = nesterov ? 1 : 0,
        ["maximize"] = maximize ? 1 : 0,
    };

    protected override void Validate(ParamGroup group)
    {
        base.Validate(group);
        Require(group["momentum"] >= 0, $"Invalid momentum value: {group["momentum"]}");
        Require(group["weight_decay"] >= 0, $"Invalid weight_decay value: {group["weight_decay"]}");
        Require(!group.Flag("nesterov") || (group["momentum"] > 0 && group["dampening"] == 0),
            "Nesterov momentum requires a momentum and zero dampening");
    }

    protected override void StepGroup(ParamGroup group)
    {
        double lr = group.lr, momentum = group["momentum"], dampening = group["dampening"], wd = group["weight_decay"];
        bool nesterov = group.Flag("nesterov"), maximize = group.Flag("maximize");
        foreach (Tensor p in group.parameters)
        {
            Tensor? grad = p.grad;
            if (grad is null)
            {
                continue;
            }

            Tensor d = maximize ? grad.neg() : grad;
            if (wd != 0)
            {
                d = d.add(p, wd);
            }

            ParamState s = StateOf(p);
            s.step++;
            if (momentum != 0)
            {
                Tensor? buf = s["momentum_buffer"];
                if (buf is null)
                {
                    buf = s.Set("momentum_buffer", d.clone());
                }
                else
                {
                    buf.mul_(momentum).add_(d, 1 - dampening);
                }

                d = nesterov ? d.add(buf, momentum) : buf;
            }

            p.add_(d, -lr);
        }
    }
}
