using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainer.Training.Probes;

/// <summary>
/// JSON form of <see cref="ProbeResults"/>: snake_case keys, indented, NaN and infinities as the strings "NaN",
/// "Infinity", "-Infinity" (as in metrics.json), null probes written as null.
/// </summary>
public static class ProbeJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(ProbeResults results) => JsonSerializer.Serialize(results, Options);

    public static ProbeResults Deserialize(string json) =>
        JsonSerializer.Deserialize<ProbeResults>(json, Options) ?? throw new InvalidDataException("probes.json holds null");

    /// <summary>Reads a probes.json file; throws <see cref="InvalidDataException"/> naming the file when it does not parse.</summary>
    public static ProbeResults Read(string path)
    {
        try
        {
            return Deserialize(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a probes.json this version can read: {e.Message}", e);
        }
    }
}
