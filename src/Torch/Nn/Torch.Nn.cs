using Trainer.Torch.Nn;

namespace Trainer.Torch;

public static partial class torch
{
    /// <summary>
    /// torch.nn: module factories with PyTorch's names and defaults (<c>nn.Linear(4, 8)</c>), plus the nested
    /// <see cref="functional"/> and <see cref="init"/> classes. The module types live in <c>Trainer.Torch.Nn</c>.
    /// </summary>
    public static partial class nn
    {
        public static Nn.Linear Linear(long in_features, long out_features, bool bias = true, ScalarType? dtype = null, Device? device = null) =>
            new(in_features, out_features, bias, dtype, device);

        public static Nn.Embedding Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, bool sparse = false,
            ScalarType? dtype = null, Device? device = null) =>
            new(num_embeddings, embedding_dim, padding_idx, sparse, dtype, device);

        public static Nn.LayerNorm LayerNorm(long normalized_shape, double eps = 1e-5, bool elementwise_affine = true, bool bias = true,
            ScalarType? dtype = null, Device? device = null) =>
            new(normalized_shape, eps, elementwise_affine, bias, dtype, device);

        public static Nn.LayerNorm LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true, bool bias = true,
            ScalarType? dtype = null, Device? device = null) =>
            new(normalized_shape, eps, elementwise_affine, bias, dtype, device);

        public static Nn.Dropout Dropout(double p = 0.5, bool inplace = false) => new(p, inplace);

        public static Nn.GELU GELU(string approximate = "none") => new(approximate);

        public static Nn.ReLU ReLU() => new();

        public static Nn.Tanh Tanh() => new();

        public static Nn.SiLU SiLU() => new();

        public static Nn.Sigmoid Sigmoid() => new();

        public static Nn.Identity Identity() => new();

        public static Nn.Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);

        public static Nn.Sequential Sequential(params (string name, Module<Tensor, Tensor> module)[] modules) => new(modules);

        public static ModuleList<T> ModuleList<T>(params T[] modules)
            where T : Module => new(modules);

        public static ModuleList<Module> ModuleList(params Module[] modules) => new(modules);

        public static ModuleDict<T> ModuleDict<T>(params (string name, T module)[] modules)
            where T : Module => new(modules);

        public static ModuleDict<Module> ModuleDict(params (string name, Module module)[] modules) => new(modules);
    }
}
