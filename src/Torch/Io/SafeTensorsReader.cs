using Microsoft.Win32.SafeHandles;

namespace Trainer.Torch.Io;

/// <summary>
/// An open safetensors file whose header has been validated; tensor bytes are read on demand straight into a
/// caller's buffer (e.g. a native tensor's storage), so loading needs no second copy. Not thread-safe to dispose
/// while reading; reads themselves are positional and may run concurrently.
/// </summary>
public sealed class SafeTensorsReader : IDisposable
{
    private readonly SafeFileHandle _handle;

    private SafeTensorsReader(SafeFileHandle handle, SafeTensorsHeader header)
    {
        _handle = handle;
        Header = header;
    }

    /// <summary>The validated header: tensors, metadata, data section position.</summary>
    public SafeTensorsHeader Header { get; }

    /// <summary>Opens <paramref name="path"/> and validates its header (throws SafeTensorsFormatException).</summary>
    public static SafeTensorsReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var source = Path.GetFullPath(path);
        var handle = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        try
        {
            var length = RandomAccess.GetLength(handle);
            var prefix = new byte[(int)Math.Min(8, length)];
            ReadExactly(handle, prefix, 0, source, null);
            var headerLength = SafeTensorsHeaderParser.ReadHeaderLength(prefix, length, source);
            var headerBytes = new byte[headerLength];
            ReadExactly(handle, headerBytes, 8, source, null);
            var header = SafeTensorsHeaderParser.Parse(headerBytes, length - 8 - headerLength, source);
            return new SafeTensorsReader(handle, header);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies destination.Length bytes of <paramref name="tensor"/>, starting <paramref name="offsetInTensor"/> bytes
    /// into it, into <paramref name="destination"/>. Read a tensor larger than 2 GiB in chunks this way.
    /// </summary>
    public void ReadInto(SafeTensorInfo tensor, Span<byte> destination, long offsetInTensor = 0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (!Header.TryGetTensor(tensor.Name, out var own) || !ReferenceEquals(own, tensor))
        {
            throw new ArgumentException($"tensor '{tensor.Name}' does not come from {Header.Source}", nameof(tensor));
        }

        if (offsetInTensor < 0 || offsetInTensor + destination.Length > tensor.ByteLength)
        {
            throw new ArgumentOutOfRangeException(nameof(offsetInTensor),
                $"bytes [{offsetInTensor}, {offsetInTensor + destination.Length}) are outside tensor '{tensor.Name}', "
                + $"which has {tensor.ByteLength} bytes");
        }

        ReadExactly(_handle, destination, Header.DataOffset + tensor.DataBegin + offsetInTensor, Header.Source, tensor.Name);
    }

    /// <summary>Reads one tensor into a new owned array (at most 2 GiB; use ReadInto for larger).</summary>
    public SafeTensorEntry ReadEntry(SafeTensorInfo tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.ByteLength > Array.MaxLength)
        {
            throw new NotSupportedException(
                $"{Header.Source}: tensor '{tensor.Name}' has {tensor.ByteLength} bytes, more than one .NET array "
                + $"holds ({Array.MaxLength}); read it in chunks with {nameof(ReadInto)} instead");
        }

        var data = GC.AllocateUninitializedArray<byte>((int)tensor.ByteLength);
        ReadInto(tensor, data);
        return new SafeTensorEntry(tensor.Name, tensor.DType, tensor.Shape, data);
    }

    /// <summary>Reads the tensor named <paramref name="name"/> into a new owned array.</summary>
    public SafeTensorEntry ReadEntry(string name) => ReadEntry(Header[name]);

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();

    private static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset, string source, string? tensor)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[done..], offset + done);
            if (read == 0)
            {
                throw new SafeTensorsFormatException(source, tensor,
                    $"the file ended at byte {offset + done} while {destination.Length} bytes from byte {offset} were "
                    + "expected (was it truncated while being read?)", SafeTensorsHeaderParser.CorruptRemedy);
            }

            done += read;
        }
    }
}
