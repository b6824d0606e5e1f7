namespace Trainer.Torch.Optim;

/// <summary>
/// Adam, as torch.optim.Adam (PyTorch 1.13, single-tensor form, same operations in the same order), per parameter
/// theta with gradient g at step t = 1, 2, ...:
/// <code>
/// g   = -g if maximize;  g = g + lambda * theta              (weight_decay lambda: L2, coupled)
/// m_t = beta1 * m_{t-1} + (1 - beta1) * g
/// v_t = beta2 * v_{t-1} + (1 - beta2) * g^2
/// vmax_t = max(vmax_{t-1}, v_t)  and v_t := vmax_t            (amsgrad only)
/// theta = theta - (gamma / (1 - beta1^t)) * m_t / (sqrt(v_t) / sqrt(1 - beta2^t) + eps)
/// </code>
/// betas = (0, 0) is allowed (the scaling-laws paper's Adam(beta1 = beta2 = 0)): then m_t = g, v_t = g^2 and the step
/// is gamma * g / (|g| + eps), a sign-like step. <see cref="AdamW"/> decouples the weight decay instead.
/// Sparse gradients are refused (use <see cref="SparseAdam"/>).
/// When every parameter of a group is a contiguous CPU float32 tensor, the step runs as one fused native call
/// (<see cref="fused"/>) whose arithmetic is rounding for rounding the op-by-op path's, so the results are the same bits.
/// </summary>
public class Adam : Optimizer
{
    private readonly bool _decoupled;

    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, (double beta1, double beta2)? betas = null,
        double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : this(groups, lr, betas ?? (0.9, 0.999), eps, weight_decay, amsgrad, maximize, decoupled: false)
    {
    }

    private protected Adam(IEnumerable<ParamGroup> groups, double lr, (double beta1, double beta2) betas, double eps,
        double weight_decay, bool amsgrad, bool maximize, bool decoupled)
        : base(groups, Defaults(lr, betas, eps, weight_decay, amsgrad, maximize))
    {
        _decoupled = decoupled;
    }

    /// <summary>
    /// Use the fused native step where the tensors allow it (default true); false always takes the op-by-op path that
    /// spells out torch.optim's operations (the reference the fused kernel is tested against).
    /// </summary>
    public bool fused { get; set; } = true;

    /// <summary>True when every group of the last <see cref="Optimizer.step()"/> went through the fused kernel.</summary>
    public bool last_step_fused { get; private set; }

    public override void step()
    {
        last_step_fused = fused;
        base.step();
    }

    private static Dictionary<string, double> Defaults(double lr, (double beta1, double beta2) betas, double eps,
        double weight_decay, bool amsgrad, bool maximize) => new()
    {
        ["lr"] = lr,
        ["beta1"] = betas.beta1,
        ["beta2"] = betas.beta2,
        ["eps"] = eps,
        ["weight_decay"] = weight_decay,
        ["amsgrad"] = amsgrad ? 1 : 0,
        ["maximize"] = maximize ? 1 : 0,
    };

    protected override void Validate(ParamGroup group)
    {
        base.Validate(group);
        Require(group["eps"] >= 0, $"Invalid epsilon value: {group["eps"]}");
        Require(group["beta1"] >= 0 && group["beta1"] < 1, $"Invalid beta parameter at index 0: {group["beta1"]}");
        Require(group["beta2"] >= 0 && group["beta2"] < 1, $"Invalid beta parameter at index 1: {group["beta2"]}");
        Require(group["weight_decay"] >= 0, $"Invalid weight_decay value: {group["weight_decay"]}");
    }

    protected override void StepGroup(ParamGroup group)
    {
        var h = new AdamHyper(group);
        if (fused && FusedStep(group, h))
        {
            return;
        }

        last_step_fused = false;
        foreach (Tensor p in group.parameters)
        {
            Tensor? grad = p.grad;
            if (grad is null)
            {
                continue;
            }

            if (grad.is_sparse)
            {
                throw new TorchException($"{GetType().Name} does not support sparse gradients, please consider SparseAdam instead");
            }

            Update(p, h.Maximize ? grad.neg() : grad, StateOf(p), h);
        }
    }

    private void Update(Tensor p, Tensor grad, ParamState s, AdamHyper h)
    {
        Tensor expAvg = s["exp_avg"] ?? s.Set("exp_avg", torch.zeros_like(p));
        Tensor expAvgSq = s["exp_avg_sq"] ?? s.Set("exp_avg_sq", torch.zeros_like(p));
        Tensor? maxSq = h.Amsgrad ? s["max_exp_avg_sq"] ?? s.Set("max_exp_avg_sq", torch.zeros_like(p)) : null;
        long step = ++s.step;

        if (_decoupled)
        {
            if (h.WeightDecay != 0)
            {
                p.mul_(1 - h.Lr * h.WeightDecay);
            }
        }
        else if (h.WeightDecay != 0)
        {
            grad = grad.add(p, h.WeightDecay);
        }

        expAvg.mul_(h.Beta1).add_(grad, 1 - h.Beta1);
        expAvgSq.mul_(h.Beta2).addcmul_(grad, grad, 1 - h.Beta2);

        double biasCorrection1 = 1 - Math.Pow(h.Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(h.Beta2, step);
        double stepSize = h.Lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);

        Tensor second = expAvgSq;
        if (maxSq is not null)
        {
            maxSq.copy_(torch.maximum(maxSq, expAvgSq));
            second = maxSq;
        }

        Tensor denom = second.sqrt().div_(biasCorrection2Sqrt).add_(h.Eps);
        p.addcdiv_(expAvg, denom, -stepSize);
    }

    /// <summary>The whole group in one native call; false (nothing changed) when some tensor does not qualify.</summary>
    private unsafe bool FusedStep(ParamGroup group, AdamHyper h)
    {
        var items = new List<(Tensor p, Tensor grad, ParamState s, Tensor m, Tensor v, Tensor? vmax)>(group.parameters.Count);
        foreach (Tensor p in group.parameters)
        {
            Tensor? grad = p.grad;
            if (grad is null)
            {
                continue;
            }

            ParamState s = StateOf(p);
            Tensor m = s["exp_avg"] ?? s.Set("exp_avg", torch.zeros_like(p));
            Tensor v = s["exp_avg_sq"] ?? s.Set("exp_avg_sq", torch.zeros_like(p));
            Tensor? vmax = h.Amsgrad ? s["max_exp_avg_sq"] ?? s.Set("max_exp_avg_sq", torch.zeros_like(p)) : null;
            items.Add((p, grad, s, m, v, vmax));
        }

        int n = items.Count;
        if (n == 0)
        {
            return true;
        }

        var ps = new IntPtr[n];
        var gs = new IntPtr[n];
        var ms = new IntPtr[n];
        var vs = new IntPtr[n];
        var xs = new IntPtr[n];
        var steps = new long[n];
        for (int i = 0; i < n; i++)
        {
            ps[i] = items[i].p.Handle.DangerousGetHandle();
            gs[i] = items[i].grad.Handle.DangerousGetHandle();
            ms[i] = items[i].m.Handle.DangerousGetHandle();
            vs[i] = items[i].v.Handle.DangerousGetHandle();
            xs[i] = Tensor.Opt(items[i].vmax);
            steps[i] = items[i].s.step + 1;
        }

        int applied;
        fixed (IntPtr* pp = ps, pg = gs, pm = ms, pv = vs, px = xs)
        fixed (long* pst = steps)
        {
            applied = Interop.Native.Check(Interop.NativeMethods.tt_adam_step(pp, pg, pm, pv, px, pst, n, h.Lr, h.Beta1,
                h.Beta2, h.Eps, h.WeightDecay, h.Amsgrad ? 1 : 0, h.Maximize ? 1 : 0, _decoupled ? 1 : 0));
        }

        GC.KeepAlive(items);
        if (applied == 0)
        {
            return false;
        }

        foreach (var item in items)
        {
            item.s.step++;
        }

        return true;
    }

    /// <summary>A group's hyper-parameters read once per step.</summary>
    private readonly struct AdamHyper
    {
        public AdamHyper(ParamGroup g)
        {
            Lr = g.lr;
            Beta1 = g["beta1"];
            Beta2 = g["beta2"];
            Eps = g["eps"];
            WeightDecay = g["weight_decay"];
            Amsgrad = g.Flag("amsgrad");
            Maximize = g.Flag("maximize");
        }

        public double Lr { get; }
        public double Beta1 { get; }
        public double Beta2 { get; }
        public double Eps { get; }
        public double WeightDecay { get; }
        public bool Amsgrad { get; }
        public bool Maximize { get; }
    }
}
