using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Engine;

/// <summary>libtorch's errors become TorchException with libtorch's message; the process keeps running.</summary>
public class ErrorTests
{
    [Fact]
    public void Wrong_dtype_is_reported()
    {
        using var a = zeros(new long[] { 2, 2 }, int64);
        using var b = zeros(2, 2);
        var ex = Assert.Throws<TorchException>(() => a.matmul(b));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.Matches("(?i)(dtype|type|Long|Float)", ex.Message);
    }

    [Fact]
    public void Index_out_of_range_is_reported()
    {
        using var a = zeros(3);
        var ex = Assert.Throws<TorchException>(() => a[5]);
        Assert.Matches("(?i)out of (range|bounds)", ex.Message);
        var ex2 = Assert.Throws<TorchException>(() => a.index_select(0, tensor(new long[] { 7 })));
        Assert.Matches("(?i)out of (range|bounds)", ex2.Message);
    }

    [Fact]
    public void Bad_arguments_are_reported_and_work_continues()
    {
        using var a = zeros(2, 3);
        Assert.Throws<TorchException>(() => a.view(4, 4));
        Assert.Throws<TorchException>(() => a.transpose(0, 5));
        Assert.Throws<TorchException>(() => a.sum(7));
        Assert.Throws<TorchException>(() => cat(new[] { zeros(2, 3), zeros(3, 4) }, 0));
        Assert.Throws<TorchException>(() => linalg.inv(zeros(2, 3)));
        Assert.Throws<TorchException>(() => tensor(new float[] { 1, 2, 3 }, new long[] { 2, 2 }));
        Assert.Throws<TorchException>(() => a.CopyFrom<double>(new double[6]));
        // the engine still works after all of that
        using var ok = ones(2, 2).matmul(ones(2, 2));
        Assert.Equal(8f, ok.sum().item<float>());
    }

    [Fact]
    public void Backward_of_a_non_scalar_without_gradient_is_reported()
    {
        using var x = ones(new long[] { 3 }, requires_grad: true);
        using var y = x * 2;
        var ex = Assert.Throws<TorchException>(() => y.backward());
        Assert.Contains("scalar", ex.Message);
    }

    [Fact]
    public void Errors_raised_on_other_threads_stay_on_their_thread()
    {
        var messages = new string[4];
        Parallel.For(0, 4, i =>
        {
            using var a = zeros(2, i + 3);
            try
            {
                a.view(7, 7).Dispose();
            }
            catch (TorchException e)
            {
                messages[i] = e.Message;
            }
        });
        for (int i = 0; i < 4; i++)
        {
            Assert.Contains($"{2 * (i + 3)}", messages[i]);
        }
    }
}
