using Trainer.Torch.Optim;

namespace Trainer.Torch;

/// <summary>
/// torch.optim: <c>optim.AdamW(model.parameters(), lr: 1e-3)</c>, <c>optim.lr_scheduler.StepLR(opt, 30)</c>. Each
/// optimizer takes either parameters (one group) or <see cref="ParamGroup"/>s with their own hyper-parameters.
/// </summary>
public static partial class torch
{
    public static partial class optim
    {
        private static ParamGroup[] One(IEnumerable<Tensor> parameters) => new[] { new ParamGroup(parameters) };

        public static SGD SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(One(parameters), lr, momentum, dampening, weight_decay, nesterov, maximize);

        public static SGD SGD(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false, bool maximize = false) =>
            new(groups, lr, momentum, dampening, weight_decay, nesterov, maximize);

        public static Adam Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double beta1, double beta2)? betas = null,
            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new(One(parameters), lr, betas, eps, weight_decay, amsgrad, maximize);

        public static Adam Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, (double beta1, double beta2)? betas = null,
            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false, bool maximize = false) =>
            new(groups, lr, betas, eps, weight_decay, amsgrad, maximize);

        public static AdamW AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, (double beta1, double beta2)? betas = null,
            double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false) =>
            new(One(parameters), lr, betas, eps, weight_decay, amsgrad, maximize);

        public static AdamW AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, (double beta1, double beta2)? betas = null,
            double eps = 1e-8, double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false) =>
            new(groups, lr, betas, eps, weight_decay, amsgrad, maximize);

        public static SparseAdam SparseAdam(IEnumerable<Tensor> parameters, double lr = 1e-3,
            (double beta1, double beta2)? betas = null, double eps = 1e-8, bool maximize = false) =>
            new(One(parameters), lr, betas, eps, maximize);

        public static SparseAdam SparseAdam(IEnumerable<ParamGroup> groups, double lr = 1e-3,
            (double beta1, double beta2)? betas = null, double eps = 1e-8, bool maximize = false) =>
            new(groups, lr, betas, eps, maximize);

        /// <summary>torch.optim.lr_scheduler.</summary>
        public static class lr_scheduler
        {
            public static ConstantLR ConstantLR(Optimizer optimizer, double factor = 1.0, long total_iters = 0) =>
                new(optimizer, factor, total_iters);

            public static StepLR StepLR(Optimizer optimizer, long step_size, double gamma = 0.1) => new(optimizer, step_size, gamma);

            public static CosineAnnealingLR CosineAnnealingLR(Optimizer optimizer, long T_max, double eta_min = 0) =>
                new(optimizer, T_max, eta_min);

            public static WarmupCosineLR WarmupCosineLR(Optimizer optimizer, long warmup_steps, long total_steps, double min_lr_ratio = 0.1) =>
                new(optimizer, warmup_steps, total_steps, min_lr_ratio);

            public static LinearLR LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, long total_iters = 5) =>
                new(optimizer, start_factor, end_factor, total_iters);

            public static WarmupLinearLR WarmupLinearLR(Optimizer optimizer, long warmup_steps, long total_steps, double end_lr_ratio = 0) =>
                new(optimizer, warmup_steps, total_steps, end_lr_ratio);

            public static LambdaLR LambdaLR(Optimizer optimizer, Func<long, double> lr_lambda) => new(optimizer, lr_lambda);

            public static ReduceLROnPlateau ReduceLROnPlateau(Optimizer optimizer, string mode = "min", double factor = 0.1,
                long patience = 10, double threshold = 1e-4, string threshold_mode = "rel", long cooldown = 0,
                double min_lr = 0, double eps = 1e-8) =>
                new(optimizer, mode, factor, patience, threshold, threshold_mode, cooldown, min_lr, eps);
        }
    }
}
