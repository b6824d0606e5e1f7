using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Engine;

public class ToStringTests
{
    [Fact]
    public void Small_tensors_print_values_shape_and_dtype()
    {
        using var t = tensor(new float[] { 1, 2.5f, 3, 4 }, new long[] { 2, 2 });
        string s = t.ToString();
        Assert.StartsWith("tensor([[1.0000, 2.5000],", s);
        Assert.Contains("[3.0000, 4.0000]]", s);
        Assert.EndsWith("shape=[2, 2], dtype=torch.float32)", s);
    }

    [Fact]
    public void Integer_bool_and_grad_tensors_print_like_pytorch()
    {
        using var i = arange(3);
        Assert.Equal("tensor([0, 1, 2], shape=[3], dtype=torch.int64)", i.ToString());
        using var b = tensor(new[] { true, false });
        Assert.Equal("tensor([True, False], shape=[2], dtype=torch.bool)", b.ToString());
        using var g = ones(new long[] { 2 }, requires_grad: true);
        Assert.Equal("tensor([1., 1.], shape=[2], dtype=torch.float32, requires_grad=True)", g.ToString());
        using var s = tensor(2.5);
        Assert.Equal("tensor(2.5000, shape=[], dtype=torch.float32)", s.ToString());
    }

    [Fact]
    public void Large_tensors_are_summarised()
    {
        using var t = arange(5000);
        string s = t.ToString();
        Assert.Contains("0, 1, 2, ..., 4997, 4998, 4999", s);
        Assert.True(s.Length < 200);
    }
}
