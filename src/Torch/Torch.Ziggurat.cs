using Trainer.Torch.Interop;

namespace Trainer.Torch;

public static partial class torch
{
    /// <summary>
    /// Fills a contiguous float32 CPU tensor in place with i.i.d. N(0, std^2) draws (ziggurat method, exact in
    /// distribution) from its own seeded streams: element blocks of 16384 each draw from a xoshiro256** stream that
    /// depends only on (<paramref name="seed"/>, block index), so the bits are the same for any
    /// <paramref name="threads"/>. Does not touch libtorch's global generator. Returns <paramref name="output"/>.
    /// </summary>
    public static Tensor normal_ziggurat_(Tensor output, ulong seed, double std = 1, int threads = 1)
    {
        Native.Check(NativeMethods.tt_normal_ziggurat_(output.Handle, seed, std, threads));
        return output;
    }
}
