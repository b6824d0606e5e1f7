using Trainer.Torch.Nn;
using static Trainer.Torch.torch;
using static Trainer.Torch.Tests.NnTests.TestTensors;

namespace Trainer.Torch.Tests.NnTests;

public class LayerTests
{
    [Fact]
    public void Linear_computes_x_times_W_transposed_plus_b()
    {
        using DisposeScope scope = NewDisposeScope();
        using var lin = nn.Linear(2, 3);
        lin.load_state_dict(new Dictionary<string, Tensor>
        {
            ["weight"] = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 3, 2 }),
            ["bias"] = tensor(new float[] { 0.5f, -1, 0 }),
        });
        Tensor y = lin.call(tensor(new float[] { 1, -1, 2, 0 }, new long[] { 2, 2 }));
        // [1,-1]: (1-2, 3-4, 5-6) + b = (-0.5, -2, -1); [2,0]: (2, 6, 10) + b = (2.5, 5, 10)
        Assert.Equal(new float[] { -0.5f, -2, -1, 2.5f, 5, 10 }, y.data<float>());
    }

    [Fact]
    public void Linear_init_stays_within_one_over_sqrt_fan_in()
    {
        using DisposeScope scope = NewDisposeScope();
        using var lin = nn.Linear(25, 40);
        Assert.Equal(new long[] { 40, 25 }, lin.weight.shape);
        Assert.True(lin.weight.abs().max().item<float>() <= 0.2f);
        Assert.True(lin.bias!.abs().max().item<float>() <= 0.2f);
        Assert.True(lin.weight.abs().max().item<float>() > 0.15f); // spread over the whole interval, not squeezed
        using var noBias = nn.Linear(3, 2, bias: false);
        Assert.Null(noBias.bias);
        Assert.Single(noBias.parameters());
    }

    [Fact]
    public void Layer_norm_standardises_the_last_dimension()
    {
        using DisposeScope scope = NewDisposeScope();
        using var ln = nn.LayerNorm(6);
        Tensor x = Uniform(3, new long[] { 4, 6 }, -5, 5);
        Tensor y = ln.call(x);
        Assert.True(y.mean(-1).abs().max().item<float>() < 1e-5);
        Assert.True((y.var(-1, correction: 0) - 1).abs().max().item<float>() < 1e-3); // eps = 1e-5 shrinks it a little

        using var plain = nn.LayerNorm(new long[] { 2, 3 }, elementwise_affine: false);
        Assert.Empty(plain.parameters());
        Tensor z = plain.call(x.view(4, 2, 3));
        Assert.True(z.view(4, 6).allclose(y, atol: 1e-6));
        using var noBias = nn.LayerNorm(6, bias: false);
        Assert.Equal(new[] { "weight" }, noBias.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void Embedding_looks_up_rows_and_keeps_the_padding_row_at_zero()
    {
        using DisposeScope scope = NewDisposeScope();
        using var emb = nn.Embedding(6, 3, padding_idx: -1);
        Assert.Equal(5L, emb.padding_idx);
        Assert.Equal(0f, emb.weight[5].abs().sum().item<float>());
        Tensor idx = Longs(new long[] { 2, 5, 2, 0 }, 2, 2);
        Tensor y = emb.call(idx);
        Assert.Equal(new long[] { 2, 2, 3 }, y.shape);
        Assert.True(y[0, 0].equal(emb.weight[2]));
        y.sum().backward();
        Tensor g = emb.weight.grad!;
        Assert.Equal(new float[] { 0, 0, 0 }, g[5].data<float>());
        Assert.Equal(new float[] { 2, 2, 2 }, g[2].data<float>());
    }

    [Fact]
    public void From_pretrained_copies_the_table_and_freezes_by_default()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor table = Uniform(4, new long[] { 5, 2 });
        using var frozen = Nn.Embedding.from_pretrained(table);
        Assert.False(frozen.weight.requires_grad);
        Assert.True(frozen.weight.equal(table));
        table.fill_(7);
        Assert.False(frozen.weight.equal(table)); // a copy, not a view
        using var trainable = Nn.Embedding.from_pretrained(table, freeze: false);
        Assert.True(trainable.weight.requires_grad);
        Assert.Equal("Embedding(5, 2)", trainable.ToString());
    }

    [Fact]
    public void Sparse_embedding_gradient_equals_the_dense_one()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor table = Uniform(5, new long[] { 10, 4 });
        using var dense = Nn.Embedding.from_pretrained(table, freeze: false);
        using var sparse = Nn.Embedding.from_pretrained(table, freeze: false, sparse: true);
        Tensor idx = Longs(new long[] { 1, 3, 3, 7, 1, 0 }, 2, 3);
        Tensor r = Uniform(6, new long[] { 2, 3, 4 });
        (dense.call(idx) * r).sum().backward();
        (sparse.call(idx) * r).sum().backward();
        Tensor dg = dense.weight.grad!;
        Tensor sg = sparse.weight.grad!;
        Assert.False(dg.is_sparse);
        Assert.True(sg.is_sparse);
        Tensor coalesced = sg.coalesce();
        Assert.Equal(new long[] { 0, 1, 3, 7 }, coalesced._indices().data<long>()); // only the looked-up rows
        Assert.True(sg.to_dense().allclose(dg, atol: 1e-6));
        Assert.True(dg.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Activation_modules_apply_their_functions()
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor x = tensor(new float[] { -2, -0.5f, 0.5f, 2 });
        Assert.Equal(new float[] { 0, 0, 0.5f, 2 }, nn.ReLU().call(x).data<float>());
        Assert.True(nn.Tanh().call(x).allclose(x.tanh()));
        Assert.True(nn.SiLU().call(x).allclose(x * x.sigmoid()));
        Assert.True(nn.Sigmoid().call(x).allclose(1 / (1 + (-x).exp())));
        // GELU(x) = x Phi(x) = x (1 + erf(x / sqrt 2)) / 2
        Assert.True(nn.GELU().call(x).allclose(x * (1 + (x / Math.Sqrt(2)).erf()) / 2, atol: 1e-6));
        Tensor approx = nn.GELU("tanh").call(x);
        Tensor formula = 0.5 * x * (1 + (Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x.pow(3.0))).tanh());
        Assert.True(approx.allclose(formula, atol: 1e-6));
        Assert.Throws<ArgumentException>(() => nn.GELU("fast"));
    }
}
