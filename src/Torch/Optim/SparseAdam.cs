namespace Trainer.Torch.Optim;

/// <summary>
/// Lazy Adam for sparse COO gradients (an <c>Embedding(sparse: true)</c>'s), as torch.optim.SparseAdam (PyTorch 1.13).
/// The gradient is coalesced (duplicate rows summed) and only the rows i present in it are touched:
/// <code>
/// m[i] = m[i] + (1 - beta1) * (g[i] - m[i])
/// v[i] = v[i] + (1 - beta2) * (g[i]^2 - v[i])
/// theta[i] = theta[i] - gamma * sqrt(1 - beta2^t) / (1 - beta1^t) * m[i] / (sqrt(v[i]) + eps)
/// </code>
/// where t counts the parameter's steps (every step with a gradient, whichever rows it has). Note eps is added before
/// the bias correction here, unlike in <see cref="Adam"/>. Dense gradients are refused.
/// </summary>
public sealed class SparseAdam : Optimizer
{
    public SparseAdam(IEnumerable<ParamGroup> groups, double lr = 1e-3, (double beta1, double beta2)? betas = null,
        double eps = 1e-8, bool maximize = false)
        : base(groups, Defaults(lr, betas ?? (0.9, 0.999), eps, maximize))
    {
    }

    private static Dictionary<string, double> Defaults(double lr, (double beta1, double beta2) betas, double eps, bool maximize) => new()
    {
        ["lr"] = lr,
        ["beta1"] = betas.beta1,
        ["beta2"] = betas.beta2,
        ["eps"] = eps,
        ["maximize"] = maximize ? 1 : 0,
    };

    protected override void Validate(ParamGroup group)
    {
        base.Validate(group);
        Require(group.lr > 0, $"Invalid learning rate: {group.lr}");
        Require(group["eps"] > 0, $"Invalid epsilon value: {group["eps"]}");
        Require(group["beta1"] >= 0 && group["beta1"] < 1, $"Invalid beta parameter at index 0: {group["beta1"]}");
        Require(group["beta2"] >= 0 && group["beta2"] < 1, $"Invalid beta parameter at index 1: {group["beta2"]}");
        foreach (Tensor p in group.parameters)
        {
            Require(!p.is_sparse, "SparseAdam requires dense parameter tensors");
        }
    }

    protected override void StepGroup(ParamGroup group)
    {
        double lr = group.lr, beta1 = group["beta1"], beta2 = group["beta2"], eps = group["eps"];
        bool maximize = group.Flag("maximize");
        foreach (Tensor p in group.parameters)
        {
            Tensor? raw = p.grad;
            if (raw is null)
            {
                continue;
            }

            if (!raw.is_sparse)
            {
                throw new TorchException("SparseAdam does not support dense gradients, please consider Adam instead");
            }

            ParamState s = StateOf(p);
            Tensor expAvg = s["exp_avg"] ?? s.Set("exp_avg", torch.zeros_like(p));
            Tensor expAvgSq = s["exp_avg_sq"] ?? s.Set("exp_avg_sq", torch.zeros_like(p));
            long step = ++s.step;

            // The update is non-linear, so duplicate indices must be summed first.
            Tensor grad = (maximize ? raw.neg() : raw).coalesce();
            Tensor indices = grad._indices();   // (sparse dims, nnz)
            Tensor values = grad._values();     // (nnz, dense dims...)
            long[] size = grad.shape;

            Tensor oldExpAvg = Rows(expAvg, indices, size);
            Tensor expAvgUpdate = values.sub(oldExpAvg).mul_(1 - beta1);
            expAvg.add_(torch.sparse_coo_tensor(indices, expAvgUpdate, size));
            Tensor oldExpAvgSq = Rows(expAvgSq, indices, size);
            Tensor expAvgSqUpdate = values.pow(2L).sub_(oldExpAvgSq).mul_(1 - beta2);
            expAvgSq.add_(torch.sparse_coo_tensor(indices, expAvgSqUpdate, size));

            // The new moments of the touched rows, recomputed densely rather than read back.
            Tensor numer = expAvgUpdate.add_(oldExpAvg);
            Tensor denom = expAvgSqUpdate.add_(oldExpAvgSq).sqrt_().add_(eps);

            double biasCorrection1 = 1 - Math.Pow(beta1, step);
            double biasCorrection2 = 1 - Math.Pow(beta2, step);
            double stepSize = lr * Math.Sqrt(biasCorrection2) / biasCorrection1;
            p.add_(torch.sparse_coo_tensor(indices, numer.div_(denom).mul(-stepSize), size));
        }
    }

    /// <summary>
    /// The rows of dense <paramref name="t"/> at the sparse <paramref name="indices"/> (sparse dims k, nnz): the values of
    /// PyTorch's <c>t.sparse_mask(grad)</c>, shape (nnz, dense dims...).
    /// </summary>
    private static Tensor Rows(Tensor t, Tensor indices, long[] size)
    {
        int k = (int)indices.size(0);
        if (k == 1)
        {
            return t.index_select(0, indices.reshape(-1));
        }

        // Row-major linear index over the k sparse dims: sum_j indices[j] * prod(size[j+1..k-1]).
        var strides = new long[k];
        long stride = 1;
        for (int j = k - 1; j >= 0; j--)
        {
            strides[j] = stride;
            stride *= size[j];
        }

        Tensor linear = indices.mul(torch.tensor(strides, new long[] { k, 1 })).sum(0);
        long[] flatShape = new[] { stride }.Concat(size.Skip(k)).ToArray();
        return t.reshape(flatShape).index_select(0, linear);
    }
}
