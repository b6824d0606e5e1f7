using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Engine;

/// <summary>Op results against values computed by hand.</summary>
public class OpsTests
{
    private static Tensor T(params float[] v) => tensor(v);

    private static void Close(double[] expected, Tensor actual, double tol = 1e-5)
    {
        double[] got = actual.data<double>();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - got[i]) <= tol, $"index {i}: expected {expected[i]}, got {got[i]}");
        }
    }

    [Fact]
    public void Scalar_operators_work_on_both_sides()
    {
        using var scope = NewDisposeScope();
        Tensor x = T(1, 2, 4);
        Close(new double[] { 9, 8, 6 }, 10 - x);
        Close(new double[] { 4, 2, 1 }, 4.0 / x);
        Close(new double[] { 1, 4, 16 }, x.pow(2));
        Close(new double[] { 1, 4, 256 }, x.pow(T(0, 2, 4)));
        Close(new double[] { 1, 0, 0 }, (x < 2).to(float64));
        Close(new double[] { 1, 1, 0 }, (x <= 2L).to(float64));
        Close(new double[] { 1, 0, 0 }, (x % 2).to(float64));
    }

    [Fact]
    public void Unary_functions_match_closed_forms()
    {
        using var scope = NewDisposeScope();
        Tensor x = tensor(new double[] { -1, 0, 2 });
        Close(new double[] { Math.Exp(-1), 1, Math.Exp(2) }, x.exp());
        Close(new double[] { 0, 0, 2 }, x.relu());
        Close(new double[] { Math.Tanh(-1), 0, Math.Tanh(2) }, x.tanh());
        Close(new double[] { 1 / (1 + Math.E), 0.5, 1 / (1 + Math.Exp(-2)) }, x.sigmoid());
        Close(new double[] { -1 / (1 + Math.E), 0, 2 / (1 + Math.Exp(-2)) }, x.silu());
        Close(new double[] { Math.Log(1 + Math.Exp(-1)), Math.Log(2), Math.Log(1 + Math.Exp(2)) }, x.softplus());
        Close(new double[] { -Math.Log(1 + Math.E), -Math.Log(2), -Math.Log(1 + Math.Exp(-2)) }, x.logsigmoid());
        // GELU(x) = x * Phi(x); Phi(-1) = 0.158655, Phi(2) = 0.977250
        Close(new double[] { -0.158655, 0, 2 * 0.977250 }, x.gelu(), 1e-5);
        Close(new double[] { -1, 0, 1 }, x.sign());
        Close(new double[] { 1, 0, 2 }, x.abs());
        Close(new double[] { -1, 0, 1.5 }, x.clamp(-1.5, 1.5) * tensor(new double[] { 1, 1, 1 }));
        Close(new double[] { 0, 1, 0 }, x.eq(0L).to(float64));
    }

    [Fact]
    public void Reductions_over_dims_with_keepdim()
    {
        using var scope = NewDisposeScope();
        Tensor m = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        Close(new double[] { 5, 7, 9 }, m.sum(0));
        Assert.Equal(new long[] { 2, 1 }, m.sum(1, keepdim: true).shape);
        Close(new double[] { 2, 5 }, m.mean(1));
        Close(new double[] { 6, 120 }, m.prod(1));
        Close(new double[] { 3, 6 }, m.amax(1));
        Close(new double[] { 2, 2 }, m.argmax(1).to(float64));
        var (vals, idx) = m.max(0);
        Close(new double[] { 4, 5, 6 }, vals);
        Close(new double[] { 1, 1, 1 }, idx.to(float64));
        // var of [1,2,3] with Bessel correction = 1; std = 1
        Close(new double[] { 1, 1 }, m.var(1));
        Close(new double[] { 2.25, 2.25, 2.25 }, m.var(0, correction: 0) * 1);
        Close(new double[] { Math.Sqrt(14), Math.Sqrt(77) }, m.norm(2, 1));
        Close(new double[] { Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) }, m[0].logsumexp(0).unsqueeze(0));
        Close(new double[] { 1, 3, 6, 4, 9, 15 }, m.cumsum(1));
        Close(new double[] { 21 }, m.sum().unsqueeze(0));
        Assert.True(m.gt(0L).all().item<bool>());
        Assert.False(m.gt(5L).all().item<bool>());
        Assert.True(m.gt(5L).any().item<bool>());
    }

    [Fact]
    public void Softmax_and_log_softmax_agree()
    {
        using var scope = NewDisposeScope();
        Tensor x = tensor(new double[] { 1, 2, 3 });
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Close(new double[] { Math.Exp(1) / z, Math.Exp(2) / z, Math.Exp(3) / z }, x.softmax(0));
        Close(new double[] { 1 - Math.Log(z), 2 - Math.Log(z), 3 - Math.Log(z) }, x.log_softmax(0));
    }

    [Fact]
    public void Topk_sort_and_unique()
    {
        using var scope = NewDisposeScope();
        Tensor x = tensor(new long[] { 3, 1, 4, 1, 5, 9, 2, 6 });
        var (v, i) = x.topk(3);
        Assert.Equal(new long[] { 9, 6, 5 }, v.data<long>());
        Assert.Equal(new long[] { 5, 7, 4 }, i.data<long>());
        var (s, _) = x.sort(descending: false);
        Assert.Equal(new long[] { 1, 1, 2, 3, 4, 5, 6, 9 }, s.data<long>());
        var (u, inv, counts) = unique(x);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 9 }, u.data<long>());
        Assert.Equal(new long[] { 2, 1, 1, 1, 1, 1, 1 }, counts.data<long>());
        Assert.Equal(x.data<long>(), u.index_select(0, inv).data<long>());
        Assert.Equal(new long[] { 0, 2, 1, 1, 1, 1, 1, 0, 0, 1 }, bincount(x).data<long>());
    }

    [Fact]
    public void Shape_ops_move_elements_where_expected()
    {
        using var scope = NewDisposeScope();
        Tensor x = arange(24).view(2, 3, 4);
        Assert.Equal(new long[] { 4, 3, 2 }, x.permute(2, 1, 0).shape);
        Assert.Equal(new long[] { 2, 4, 3 }, x.transpose(1, 2).shape);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, x.unsqueeze(0).shape);
        Assert.Equal(new long[] { 2, 3, 4 }, x.unsqueeze(0).squeeze(0).shape);
        Assert.Equal(new long[] { 6, 4 }, x.flatten(0, 1).shape);
        Assert.Equal(new long[] { 2, 12 }, x.reshape(2, -1).shape);
        Assert.Equal(12L, x.transpose(1, 2)[1, 0, 0].item<long>());
        Tensor[] parts = x.split(2, 2);
        Assert.Equal(2, parts.Length);
        Assert.Equal(new long[] { 2, 3, 2 }, parts[1].shape);
        Assert.Equal(new long[] { 4, 3, 4 }, cat(new[] { x, x }, 0).shape);
        Assert.Equal(new long[] { 2, 2, 3, 4 }, stack(new[] { x, x }, 0).shape);
        Assert.Equal(3, x.chunk(3, 1).Length);
        Assert.Equal(new long[] { 5, 6, 7 }, x[0, 1, 1..].data<long>());
        Assert.Equal(new long[] { 14, 15 }, x.narrow(0, 1, 1).squeeze(0)[0, 2..].data<long>());
        Assert.Equal(new long[] { 3, 1, 4 }, x[0, .., TensorIndex.None].shape);
        Assert.Equal(new long[] { 2, 3 }, x[TensorIndex.Ellipsis, 0].shape);
        Assert.Equal(new long[] { 0, 2 }, x[0, 0, TensorIndex.Slice(0, null, 2)].data<long>());
        Assert.Equal(new long[] { 2, 6, 4 }, x.repeat(1, 2, 1).shape);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, x.unsqueeze(-1).expand(2, 3, 4, 5).shape);
    }

    [Fact]
    public void Gather_scatter_and_masks()
    {
        using var scope = NewDisposeScope();
        Tensor x = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        Tensor idx = tensor(new long[] { 2, 0 }, new long[] { 2, 1 });
        Close(new double[] { 3, 4 }, x.gather(1, idx));
        Tensor z = zeros(2, 3).scatter_(1, idx, ones(2, 1));
        Close(new double[] { 0, 0, 1, 1, 0, 0 }, z);
        Tensor acc = zeros(3).index_add_(0, tensor(new long[] { 0, 0, 2 }), tensor(new float[] { 1, 2, 3 }));
        Close(new double[] { 3, 0, 3 }, acc);
        Tensor sa = zeros(3).scatter_add(0, tensor(new long[] { 1, 1, 1 }), tensor(new float[] { 1, 2, 3 }));
        Close(new double[] { 0, 6, 0 }, sa);
        Tensor mask = x > 3.0;
        Close(new double[] { 1, 2, 3, 0, 0, 0 }, x.masked_fill(mask, 0));
        Close(new double[] { 4, 5, 6 }, x.masked_select(mask));
        Close(new double[] { 1, 0, 0, 4, 5, 0 }, x.tril());
        Close(new double[] { 0, 1, 0, 0, 0, 1 }, one_hot(tensor(new long[] { 1, 2 }), 3).to(float64));
        Close(new double[] { 1, 20, 3 }, where(tensor(new bool[] { true, false, true }), T(1, 2, 3), T(10, 20, 30)));
        Tensor sel = x.index_select(1, tensor(new long[] { 2, 0 }));
        Close(new double[] { 3, 1, 6, 4 }, sel);
        Tensor byTensor = x[tensor(new long[] { 1, 0 })];
        Close(new double[] { 4, 5, 6, 1, 2, 3 }, byTensor);
        Tensor byMask = x[mask];
        Close(new double[] { 4, 5, 6 }, byMask);
    }

    [Fact]
    public void Products_einsum_and_linear_algebra()
    {
        using var scope = NewDisposeScope();
        Tensor a = tensor(new double[] { 2, 1, 1, 3 }, new long[] { 2, 2 });
        Tensor b = tensor(new double[] { 1, 2 }, new long[] { 2, 1 });
        Close(new double[] { 4, 7 }, a.matmul(b));
        Close(new double[] { 4, 7 }, einsum("ij,jk->ik", a, b));
        Close(new double[] { 1, 2, 2, 4 }, outer(T(1, 2).to(float64), T(1, 2).to(float64)));
        // a x = b -> x = a^-1 b = [1/5, 3/5]
        Close(new double[] { 0.2, 0.6 }, linalg.solve(a, b));
        var (evals, evecs) = linalg.eigh(a);
        // eigenvalues of [[2,1],[1,3]]: (5 -+ sqrt 5)/2, ascending
        Close(new double[] { (5 - Math.Sqrt(5)) / 2, (5 + Math.Sqrt(5)) / 2 }, evals);
        Close(a.data<double>(), evecs.matmul(evals.diag()).matmul(evecs.T));
        var (u, s, vh) = linalg.svd(a);
        Close(a.data<double>(), u.matmul(s.diag()).matmul(vh));
        var (q, r) = linalg.qr(a);
        Close(a.data<double>(), q.matmul(r));
        Close(linalg.inv(a).data<double>(), linalg.pinv(a));
        Close(new double[] { 5 }, linalg.det(a).unsqueeze(0));
        Tensor p = tensor(new double[] { 0, 0, 3, 4 }, new long[] { 2, 2 });
        Close(new double[] { 0, 5, 5, 0 }, cdist(p, p));
        Close(new double[] { 1 }, cosine_similarity(T(1, 2).view(1, 2), T(2, 4).view(1, 2)));
        Tensor bm = ones(3, 2, 4).bmm(ones(3, 4, 5));
        Assert.Equal(new long[] { 3, 2, 5 }, bm.shape);
        Assert.Equal(4f, bm[0, 0, 0].item<float>());
    }

    [Fact]
    public void Creation_functions_fill_as_documented()
    {
        using var scope = NewDisposeScope();
        Close(new double[] { 0, 0.25, 0.5, 0.75, 1 }, linspace(0, 1, 5));
        Close(new double[] { 1, 0, 0, 1 }, eye(2));
        Close(new double[] { 7, 7 }, full(new long[] { 2 }, 7));
        Assert.Equal(ScalarType.Int64, arange(5).dtype);
        Assert.Equal(ScalarType.Float32, arange(0, 1, 0.5).dtype);
        Tensor p = randperm(10);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i).ToArray(), p.sort().values.data<long>());
        Tensor ri = randint(3, 7, new long[] { 1000 });
        Assert.True(ri.ge(3L).all().item<bool>() && ri.lt(7L).all().item<bool>());
        Tensor n = normal(5, 2, new long[] { 20000 });
        Assert.InRange(n.mean().item<float>(), 4.9, 5.1);
        Assert.InRange(n.std().item<float>(), 1.9, 2.1);
        Tensor r = rand(10000);
        Assert.True(r.ge(0.0).all().item<bool>() && r.lt(1.0).all().item<bool>());
        Assert.Equal(new[] { 1.5f, 2.5f }, tensor(new[] { 1.5f, 2.5f }).data<float>());
        Assert.Equal(new[] { true, false }, tensor(new[] { true, false }).data<bool>());
        Assert.Equal(new byte[] { 1, 255 }, tensor(new byte[] { 1, 255 }).data<byte>());
        Assert.Equal(new[] { 1, -2 }, tensor(new[] { 1, -2 }).data<int>());
        Assert.Equal(3.5, tensor(3.5, float64).item<double>());
        Assert.Equal(ScalarType.Float16, tensor(new[] { (Half)1.5f }).dtype);
    }
}
