using System.Diagnostics.CodeAnalysis;

namespace Trainer.Torch.Io;

/// <summary>
/// A validated safetensors header: the tensors in data order, the <c>__metadata__</c> map and where the data section
/// lies. File layout: [8-byte little-endian N][N bytes of JSON header][data section of DataLength bytes].
/// </summary>
public sealed class SafeTensorsHeader
{
    private readonly Dictionary<string, SafeTensorInfo> _byName;

    internal SafeTensorsHeader(
        string source, long headerLength, long dataLength,
        IReadOnlyList<SafeTensorInfo> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Source = source;
        HeaderLength = headerLength;
        DataLength = dataLength;
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file path (or buffer description) the header was read from.</summary>
    public string Source { get; }

    /// <summary>N, the JSON header's length in bytes including padding.</summary>
    public long HeaderLength { get; }

    /// <summary>Absolute offset of the data section: 8 + N.</summary>
    public long DataOffset => 8 + HeaderLength;

    /// <summary>Length of the data section; the tensors tile it exactly.</summary>
    public long DataLength { get; }

    /// <summary>The tensors sorted by their position in the data section.</summary>
    public IReadOnlyList<SafeTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> string map; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGetTensor(string name, [MaybeNullWhen(false)] out SafeTensorInfo info) =>
        _byName.TryGetValue(name, out info);

    /// <summary>The tensor named <paramref name="name"/>; KeyNotFoundException naming the file if absent.</summary>
    public SafeTensorInfo this[string name] =>
        _byName.TryGetValue(name, out var info)
            ? info
            : throw new KeyNotFoundException(MissingTensorMessage(Source, name, _byName.Keys));

    internal static string MissingTensorMessage(string source, string name, IEnumerable<string> names)
    {
        var sample = names.Order(StringComparer.Ordinal).Take(10).ToList();
        var listed = sample.Count == 0 ? "the file has no tensors" : "it has: " + string.Join(", ", sample);
        return $"{source}: no tensor named '{name}'; {listed}{(sample.Count == 10 ? ", ..." : "")}.";
    }
}
