using static Trainer.Torch.torch;

namespace Trainer.Torch.Nn;

/// <summary>Allocates the uninitialised parameters that modules then fill with an init scheme.</summary>
internal static class ParameterAlloc
{
    public static Parameter Empty(long[] shape, ScalarType? dtype, Device? device, bool requires_grad = true)
    {
        using Tensor t = empty(shape, dtype, device);
        return new Parameter(t, requires_grad);
    }
}
