namespace Trainer.Torch.Distributed;

/// <summary>How <see cref="ProcessGroup.all_reduce(Tensor, ReduceOp, TimeSpan?)"/> combines the ranks' tensors.</summary>
public enum ReduceOp
{
    /// <summary>x = sum over ranks r of x_r.</summary>
    Sum = 0,

    /// <summary>x = (1/W) sum_r x_r, W the world size (a sum, then a division: Gloo has no native average).</summary>
    Avg = 1,

    Product = 2,
    Min = 3,
    Max = 4,
}
