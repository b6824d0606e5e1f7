namespace Trainer.Torch;

/// <summary>Device kinds; values are c10::DeviceType's.</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>
/// Where a tensor lives: <c>cpu</c> or <c>cuda[:n]</c>. CUDA needs a CUDA build of libtorch (see README); the
/// Debian libtorch this project builds against is CPU-only, so <c>torch.cuda.is_available()</c> is false there.
/// </summary>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    public static readonly Device CPU = new(DeviceType.CPU);

    public static Device CUDA(int index = 0) => new(DeviceType.CUDA, index);

    /// <summary>Parses "cpu", "cuda", "cuda:1".</summary>
    public static Device Parse(string s)
    {
        string t = s.Trim().ToLowerInvariant();
        if (t == "cpu")
        {
            return CPU;
        }

        if (t == "cuda")
        {
            return CUDA(0);
        }

        if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t.AsSpan(5), out int i) && i >= 0)
        {
            return CUDA(i);
        }

        throw new ArgumentException($"unknown device '{s}': use cpu, cuda or cuda:<index>", nameof(s));
    }

    public override string ToString() => Type == DeviceType.CPU ? "cpu" : Index < 0 ? "cuda" : $"cuda:{Index}";
}
