namespace Trainer.Torch.Io;

/// <summary>
/// The element types Trainer reads and writes in safetensors files. Each member's name is the exact string the
/// format puts in a tensor's <c>"dtype"</c> field (<see cref="SafeTensorDTypes.HeaderName"/>).
/// All multi-byte types are little-endian in the file.
/// </summary>
public enum SafeTensorDType
{
    /// <summary>IEEE 754 binary64, 8 bytes (torch.float64).</summary>
    F64,

    /// <summary>IEEE 754 binary32, 4 bytes (torch.float32).</summary>
    F32,

    /// <summary>IEEE 754 binary16, 2 bytes (torch.float16).</summary>
    F16,

    /// <summary>bfloat16: the upper 16 bits of a binary32, 2 bytes (torch.bfloat16).</summary>
    BF16,

    /// <summary>Signed 64-bit integer (torch.int64).</summary>
    I64,

    /// <summary>Signed 32-bit integer (torch.int32).</summary>
    I32,

    /// <summary>Signed 16-bit integer (torch.int16).</summary>
    I16,

    /// <summary>Signed 8-bit integer (torch.int8).</summary>
    I8,

    /// <summary>Unsigned 8-bit integer (torch.uint8).</summary>
    U8,

    /// <summary>Boolean, one byte that is 0 or 1 (torch.bool).</summary>
    BOOL,
}

/// <summary>Sizes, header strings and parsing for <see cref="SafeTensorDType"/>.</summary>
public static class SafeTensorDTypes
{
    /// <summary>Every supported dtype, in declaration order.</summary>
    public static IReadOnlyList<SafeTensorDType> All { get; } = Enum.GetValues<SafeTensorDType>();

    // dtypes the safetensors format defines that Trainer does not read; named in error messages.
    private static readonly HashSet<string> s_knownUnsupported = new(StringComparer.Ordinal)
    {
        "U16", "U32", "U64", "C64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4",
    };

    /// <summary>Bytes per element: 8 for F64/I64, 4 for F32/I32, 2 for F16/BF16/I16, 1 for I8/U8/BOOL.</summary>
    public static int ElementSize(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 or SafeTensorDType.I64 => 8,
        SafeTensorDType.F32 or SafeTensorDType.I32 => 4,
        SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.I16 => 2,
        SafeTensorDType.I8 or SafeTensorDType.U8 or SafeTensorDType.BOOL => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a SafeTensorDType"),
    };

    /// <summary>The string written in the header's <c>"dtype"</c> field, e.g. <c>"BF16"</c>.</summary>
    public static string HeaderName(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 => "F64",
        SafeTensorDType.F32 => "F32",
        SafeTensorDType.F16 => "F16",
        SafeTensorDType.BF16 => "BF16",
        SafeTensorDType.I64 => "I64",
        SafeTensorDType.I32 => "I32",
        SafeTensorDType.I16 => "I16",
        SafeTensorDType.I8 => "I8",
        SafeTensorDType.U8 => "U8",
        SafeTensorDType.BOOL => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a SafeTensorDType"),
    };

    /// <summary>Parses a header dtype string (case-sensitive, as the format requires).</summary>
    public static bool TryParse(string headerName, out SafeTensorDType dtype)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.HeaderName(), headerName, StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = default;
        return false;
    }

    /// <summary>The supported header strings joined for messages: "F64, F32, ..., BOOL".</summary>
    public static string SupportedList => string.Join(", ", All.Select(d => d.HeaderName()));

    /// <summary>True for a dtype the safetensors format defines but Trainer does not support (e.g. U16, F8_E4M3).</summary>
    internal static bool IsKnownUnsupported(string headerName) => s_knownUnsupported.Contains(headerName);

    /// <summary>
    /// Order of tensors in the data section, as the reference writer does it: larger alignment first
    /// (I64, F64, F32, I32, BF16, F16, I16, I8, U8, BOOL), then by name, so every tensor starts at a multiple of its
    /// element size when the data section starts at a multiple of 8.
    /// </summary>
    internal static int LayoutRank(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.I64 => 0,
        SafeTensorDType.F64 => 1,
        SafeTensorDType.F32 => 2,
        SafeTensorDType.I32 => 3,
        SafeTensorDType.BF16 => 4,
        SafeTensorDType.F16 => 5,
        SafeTensorDType.I16 => 6,
        SafeTensorDType.I8 => 7,
        SafeTensorDType.U8 => 8,
        SafeTensorDType.BOOL => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a SafeTensorDType"),
    };
}
