using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Trainer.Training.Logging.Crc;

namespace Trainer.Training.Logging.Png;

/// <summary>
/// Writes 8-bit PNG images: signature, IHDR (width, height, bit depth 8, colour type, no interlace), one IDAT
/// holding the zlib stream of the scanlines (each prefixed with filter byte 0 = None), IEND. Each chunk is
/// length (big-endian) + type + data + CRC-32 of type and data.
/// Colour types by channel count: 1 → 0 (gray), 2 → 4 (gray+alpha), 3 → 2 (RGB), 4 → 6 (RGBA).
/// </summary>
public static class PngEncoder
{
    /// <summary>The 8-byte PNG signature.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="pixels"/> (row-major, HWC, <paramref name="channels"/> bytes per pixel).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var colourType = ColourType(channels);
        var stride = width * channels;
        if (pixels.Length != stride * height)
        {
            throw new ArgumentException($"PNG needs {height}x{width}x{channels} = {stride * height} bytes, got {pixels.Length}");
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", Header(width, height, colourType));
        WriteChunk(png, "IDAT", Compress(pixels, stride, height));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>PNG colour type for 1, 2, 3 or 4 channels.</summary>
    public static byte ColourType(int channels) => channels switch
    {
        1 => 0,
        2 => 4,
        3 => 2,
        4 => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "PNG channels must be 1, 2, 3 or 4"),
    };

    private static byte[] Header(int width, int height, byte colourType)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = colourType;
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        return header;
    }

    private static byte[] Compress(ReadOnlySpan<byte> pixels, int stride, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            Span<byte> filter = [0];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(filter);
                zlib.Write(pixels.Slice(y * stride, stride));
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(typeBytes), data));
        png.Write(word);
    }
}
