using System.Runtime.InteropServices;

namespace Trainer.Torch.Io;

/// <summary>Copies between typed arrays and little-endian bytes (the file's byte order), on any host.</summary>
internal static class LittleEndianBytes
{
    /// <summary>The little-endian bytes of <paramref name="values"/>, in a new array.</summary>
    public static byte[] From<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        SwapIfBigEndian(bytes, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return bytes;
    }

    /// <summary>Decodes little-endian <paramref name="bytes"/> into a new T[].</summary>
    public static T[] To<T>(ReadOnlySpan<byte> bytes)
        where T : unmanaged
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var values = GC.AllocateUninitializedArray<T>(bytes.Length / size);
        var target = MemoryMarshal.AsBytes(values.AsSpan());
        bytes.CopyTo(target);
        SwapIfBigEndian(target, size);
        return values;
    }

    private static void SwapIfBigEndian(Span<byte> bytes, int elementSize)
    {
        if (BitConverter.IsLittleEndian || elementSize == 1)
        {
            return;
        }

        for (var i = 0; i + elementSize <= bytes.Length; i += elementSize)
        {
            bytes.Slice(i, elementSize).Reverse();
        }
    }
}
