using System.Buffers.Binary;
using System.Text;
using Trainer.Torch.Io;

namespace Trainer.Torch.Tests.Io;

/// <summary>Crafts raw safetensors bytes by hand (prefix, header, data) and asserts how reading them fails.</summary>
internal static class CorruptFiles
{
    /// <summary>[N = header length][header][dataLength zero bytes], N optionally overridden.</summary>
    public static byte[] Build(byte[] header, int dataLength, ulong? declaredLength = null)
    {
        var bytes = new byte[8 + header.Length + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>Header from JSON text (single quotes become double quotes for readability).</summary>
    public static byte[] Build(string headerJson, int dataLength) =>
        Build(Encoding.UTF8.GetBytes(headerJson.Replace('\'', '"')), dataLength);

    /// <summary>
    /// Writes <paramref name="bytes"/> to a file, reads it both from the path and from memory, and returns the
    /// file's exception after checking that both fail with the same problem and that the message names the file.
    /// </summary>
    public static SafeTensorsFormatException ReadFails(byte[] bytes)
    {
        using var dir = new TempDir();
        var path = dir.File("corrupt.safetensors");
        File.WriteAllBytes(path, bytes);

        var fromFile = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Read(path));
        var fromMemory = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Read(bytes, "buffer"));

        Assert.Equal(path, fromFile.FilePath);
        Assert.StartsWith(path + ":", fromFile.Message, StringComparison.Ordinal);
        Assert.Equal(fromFile.Problem, fromMemory.Problem);
        Assert.Equal(fromFile.TensorName, fromMemory.TensorName);
        Assert.StartsWith("buffer:", fromMemory.Message, StringComparison.Ordinal);
        return fromFile;
    }

    /// <summary>As <see cref="ReadFails(byte[])"/>, also asserting the tensor and phrases the message must contain.</summary>
    public static SafeTensorsFormatException ReadFails(byte[] bytes, string? tensor, params string[] phrases)
    {
        var error = ReadFails(bytes);
        Assert.Equal(tensor, error.TensorName);
        if (tensor is not null)
        {
            Assert.Contains($"tensor '{tensor}'", error.Message, StringComparison.Ordinal);
        }

        foreach (var phrase in phrases)
        {
            Assert.Contains(phrase, error.Message, StringComparison.Ordinal);
        }

        return error;
    }
}
