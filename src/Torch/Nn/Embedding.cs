using static Trainer.Torch.torch;

namespace Trainer.Torch.Nn;

/// <summary>
/// A lookup table E of shape (num_embeddings, embedding_dim): y[i] = E[idx[i]]. Initialised N(0, 1) as PyTorch,
/// with the padding row (if any) zeroed and never updated. With <c>sparse</c>, the gradient of E is a sparse COO
/// tensor holding only the looked-up rows (for SparseAdam).
/// </summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    public Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, bool sparse = false,
        ScalarType? dtype = null, Device? device = null)
        : this(num_embeddings, embedding_dim, padding_idx, sparse,
            ParameterAlloc.Empty(new[] { num_embeddings, embedding_dim }, dtype, device))
    {
        reset_parameters();
    }

    private Embedding(long num_embeddings, long embedding_dim, long? padding_idx, bool sparse, Parameter weight)
    {
        this.num_embeddings = num_embeddings;
        this.embedding_dim = embedding_dim;
        this.padding_idx = NormalizePaddingIdx(padding_idx, num_embeddings);
        this.sparse = sparse;
        this.weight = weight;
    }

    public long num_embeddings { get; }

    public long embedding_dim { get; }

    /// <summary>The row that embeds padding (zero, gets no gradient), or null.</summary>
    public long? padding_idx { get; }

    /// <summary>True when the gradient of <see cref="weight"/> is sparse.</summary>
    public bool sparse { get; }

    /// <summary>E, shape (num_embeddings, embedding_dim).</summary>
    public Parameter weight { get; private set; }

    /// <summary>
    /// An embedding whose table is a copy of <paramref name="embeddings"/> (num_embeddings, embedding_dim);
    /// <paramref name="freeze"/> turns its gradient off.
    /// </summary>
    public static Embedding from_pretrained(Tensor embeddings, bool freeze = true, long? padding_idx = null, bool sparse = false)
    {
        if (embeddings.ndim != 2)
        {
            throw new ArgumentException("Embeddings parameter is expected to be 2-dimensional", nameof(embeddings));
        }

        long[] s = embeddings.shape;
        using Tensor copy = embeddings.detach().clone();
        var weight = new Parameter(copy, requires_grad: !freeze);
        return new Embedding(s[0], s[1], padding_idx, sparse, weight);
    }

    /// <summary>Re-draws E ~ N(0, 1) and zeroes the padding row.</summary>
    public void reset_parameters()
    {
        nn.init.normal_(weight);
        if (padding_idx is long p)
        {
            using (no_grad())
            {
                using Tensor row = weight[p];
                row.fill_(0);
            }
        }
    }

    // idx: (...) int64 -> (..., embedding_dim)
    public override Tensor forward(Tensor input) => nn.functional.embedding(input, weight, padding_idx, sparse);

    protected override string ExtraRepr()
    {
        string s = $"{num_embeddings}, {embedding_dim}";
        if (padding_idx is long p)
        {
            s += $", padding_idx={p}";
        }

        if (sparse)
        {
            s += ", sparse=True";
        }

        return s;
    }

    internal static long? NormalizePaddingIdx(long? padding_idx, long num_embeddings)
    {
        if (padding_idx is not long p)
        {
            return null;
        }

        if (p >= num_embeddings || p < -num_embeddings)
        {
            throw new ArgumentOutOfRangeException(nameof(padding_idx), p, $"padding_idx must be within [-{num_embeddings}, {num_embeddings})");
        }

        return p < 0 ? p + num_embeddings : p;
    }
}
