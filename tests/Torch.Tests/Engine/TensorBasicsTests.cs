using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests;

[Collection(Trainer.Torch.Tests.NnTests.GlobalGeneratorCollection.Name)]
public class TensorBasicsTests
{
    [Fact]
    public void Arithmetic_matches_hand_computed_values()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        using var b = tensor(new float[] { 10, 20, 30, 40 }, new long[] { 2, 2 });
        using var c = (a + b) * 2 - 1;
        Assert.Equal(new float[] { 21, 43, 65, 87 }, c.data<float>());
        using var m = matmul(a, b);
        // [[1,2],[3,4]] @ [[10,20],[30,40]] = [[70,100],[150,220]]
        Assert.Equal(new float[] { 70, 100, 150, 220 }, m.data<float>());
        Assert.Equal(new long[] { 2, 2 }, m.shape);
    }

    [Fact]
    public void Shape_mismatch_is_an_exception_with_libtorch_message()
    {
        using var a = zeros(2, 3);
        using var b = zeros(4, 5);
        var ex = Assert.Throws<TorchException>(() => matmul(a, b));
        Assert.Contains("cannot be multiplied", ex.Message);
        using var ok = a + 1;
        Assert.Equal(1f, ok.sum().item<float>() / 6);
    }

    [Fact]
    public void Same_seed_gives_the_same_randn_as_pytorch()
    {
        manual_seed(42);
        using var r = randn(1, 5);
        float[] expected = { 0.336690f, 0.128809f, 0.234462f, 0.230333f, -1.122856f };
        float[] got = r.data<float>();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(expected[i], got[i], 5);
        }
    }

    [Fact]
    public void Backward_gives_the_analytic_gradient()
    {
        using var x = tensor(new double[] { 1, 2, 3 }, requires_grad: true);
        using var y = (x * x * x).sum();
        y.backward();
        using var g = x.grad!;
        Assert.Equal(new double[] { 3, 12, 27 }, g.data<double>());
    }

    [Fact]
    public void Indexing_with_ranges_and_from_end()
    {
        using var t = arange(12).view(3, 4);
        using var row = t[^1];
        Assert.Equal(new long[] { 8, 9, 10, 11 }, row.data<long>());
        using var cols = t[.., 1..3];
        Assert.Equal(new long[] { 1, 2, 5, 6, 9, 10 }, cols.data<long>());
        t[0, ..] = zeros(new long[] { 4 }, int64);
        Assert.Equal(0L, t[0].sum().item<long>());
    }
}
