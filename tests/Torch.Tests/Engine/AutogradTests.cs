using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Engine;

public class AutogradTests
{
    [Fact]
    public void No_grad_scope_stops_tracking_and_restores()
    {
        using var x = ones(new long[] { 2 }, requires_grad: true);
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            using var y = x * 2;
            Assert.False(y.requires_grad);
            using (enable_grad())
            {
                using var z = x * 2;
                Assert.True(z.requires_grad);
            }

            Assert.False(is_grad_enabled());
        }

        Assert.True(is_grad_enabled());
    }

    [Fact]
    public void Autograd_grad_gives_second_derivatives()
    {
        // f(x) = x^3: f'(x) = 3x^2, f''(x) = 6x
        using var scope = NewDisposeScope();
        Tensor x = tensor(new double[] { 2.0 }, requires_grad: true);
        Tensor y = x.pow(3).sum();
        Tensor dy = autograd.grad(y, x, create_graph: true);
        Assert.Equal(12.0, dy.item<double>(), 10);
        Tensor d2y = autograd.grad(dy.sum(), x);
        Assert.Equal(12.0, d2y.item<double>(), 10);
        Assert.Null(x.grad);
    }

    [Fact]
    public void Unused_inputs_give_null_when_allowed()
    {
        using var scope = NewDisposeScope();
        Tensor a = ones(new long[] { 2 }, requires_grad: true);
        Tensor b = ones(new long[] { 2 }, requires_grad: true);
        Tensor y = (a * 3).sum();
        Tensor?[] g = autograd.grad(new[] { y }, new[] { a, b }, allow_unused: true);
        Assert.Equal(new float[] { 3, 3 }, g[0]!.data<float>());
        Assert.Null(g[1]);
    }

    [Fact]
    public void Backward_with_gradient_and_retain_grad_on_non_leaf()
    {
        using var scope = NewDisposeScope();
        Tensor x = tensor(new double[] { 1, 2 }, requires_grad: true);
        Tensor h = (x * 3).retain_grad();
        Tensor y = h * h;
        y.backward(tensor(new double[] { 1, 0.5 }));
        // dy/dh = 2h * g = [6, 6]; dy/dx = 3 * that = [18, 18]
        Assert.Equal(new double[] { 6, 6 }, h.grad!.data<double>());
        Assert.Equal(new double[] { 18, 18 }, x.grad!.data<double>());
        Assert.False(h.is_leaf);
        Assert.True(x.is_leaf);
    }
}
