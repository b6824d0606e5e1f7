using static Trainer.Torch.torch;
using static Trainer.Torch.Tests.NnTests.TestTensors;
using F = Trainer.Torch.torch.nn.functional;

namespace Trainer.Torch.Tests.NnTests;

public class TrainingSmokeTests
{
    [Fact]
    public void Loss_goes_down_for_a_tiny_regression_with_plain_sgd()
    {
        using DisposeScope outer = NewDisposeScope();
        // y = X w* + b*, w* = (1.5, -2, 0.5), b* = 0.3, plus a little noise.
        Tensor x = Uniform(20, new long[] { 64, 3 });
        Tensor wStar = tensor(new float[] { 1.5f, -2, 0.5f }, new long[] { 3, 1 });
        Tensor y = x.matmul(wStar) + 0.3 + 0.01 * Uniform(21, new long[] { 64, 1 });
        using var model = nn.Linear(3, 1);
        const double lr = 0.2;
        double first = 0, last = 0;
        for (int step = 0; step < 300; step++)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor loss = F.mse_loss(model.call(x), y);
            model.zero_grad();
            loss.backward();
            using (no_grad())
            {
                foreach (var p in model.parameters())
                {
                    p.sub_(p.grad!, lr);
                }
            }

            last = loss.item<float>();
            if (step == 0)
            {
                first = last;
            }
        }

        Assert.True(last < first / 100, $"loss went from {first} to {last}");
        Assert.True(model.weight.view(3, 1).allclose(wStar, atol: 0.02), model.weight.ToString());
        Assert.Equal(0.3, model.bias!.item<float>(), 0.02);
    }
}
