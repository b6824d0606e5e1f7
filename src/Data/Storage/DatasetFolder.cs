using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trainer.Data.Storage;

/// <summary>
/// A dataset on disk: <c>manifest.json</c>, one <c>NAME.bin</c> per array (raw little-endian elements, row-major)
/// and one <c>NAME.txt</c> per text (UTF-8, one line per example, each ending in '\n').
/// </summary>
/// <remarks>
/// Example manifest:
/// <code>
/// {
///   "format": "trainer-dataset/1",
///   "generator": "zipf",
///   "seed": 7,
///   "config": { "n": 100, "m": 5, "alpha": 2, "samples": 10240 },
///   "info": { "unseen_mass_expected": 0.0123 },
///   "arrays": [ { "name": "inputs", "file": "inputs.bin", "dtype": "int32", "shape": [10240], "sha256": "9f2c..." } ],
///   "texts": [ { "name": "train", "file": "train.txt", "lines": 12, "sha256": "..." } ]
/// }
/// </code>
/// </remarks>
public static class DatasetFolder
{
    /// <summary>Format tag written into every manifest.</summary>
    public const string Format = "trainer-dataset/1";

    /// <summary>Manifest file name.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>Writes the dataset into <paramref name="folder"/> (created if needed; files of the same names are replaced).</summary>
    public static void Write(Dataset dataset, string folder)
    {
        Directory.CreateDirectory(folder);
        var arrays = new JsonArray();
        foreach (var a in dataset.Arrays)
        {
            string file = a.Name + ".bin";
            string sha;
            using (var stream = new FileStream(Path.Combine(folder, file), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                sha = WriteHashed(a, stream);
            }
            arrays.Add(new JsonObject
            {
                ["name"] = a.Name,
                ["file"] = file,
                ["dtype"] = a.TypeName,
                ["shape"] = new JsonArray(a.Shape.Select(d => (JsonNode)d).ToArray()),
                ["sha256"] = sha,
            });
        }
        var texts = new JsonArray();
        foreach (var (name, lines) in dataset.Texts)
        {
            string file = name + ".txt";
            byte[] bytes = TextBytes(lines);
            File.WriteAllBytes(Path.Combine(folder, file), bytes);
            texts.Add(new JsonObject
            {
                ["name"] = name,
                ["file"] = file,
                ["lines"] = lines.Length,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            });
        }
        var manifest = new JsonObject
        {
            ["format"] = Format,
            ["generator"] = dataset.Generator,
            ["seed"] = dataset.Seed,
            ["config"] = JsonNode.Parse(dataset.Config.GetRawText()),
            ["info"] = JsonNode.Parse(dataset.Info.ToJsonString()),
            ["arrays"] = arrays,
            ["texts"] = texts,
        };
        File.WriteAllText(Path.Combine(folder, ManifestName), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// Reads a dataset folder. With <paramref name="verify"/> every file's SHA-256 is checked against the manifest
    /// and a mismatch throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static Dataset Read(string folder, bool verify = true)
    {
        string manifestPath = Path.Combine(folder, ManifestName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))?.AsObject()
            ?? throw new InvalidDataException($"{manifestPath} is empty");
        string format = (string?)manifest["format"] ?? string.Empty;
        if (format != Format)
        {
            throw new InvalidDataException($"{manifestPath}: format '{format}', expected '{Format}'");
        }
        using var configDoc = JsonDocument.Parse(manifest["config"]?.ToJsonString() ?? "{}");
        var dataset = new Dataset((string?)manifest["generator"] ?? string.Empty, (ulong?)manifest["seed"] ?? 0, configDoc.RootElement.Clone());
        if (manifest["info"] is JsonObject info)
        {
            foreach (var (key, value) in info)
            {
                dataset.Info[key] = value?.DeepClone();
            }
        }
        foreach (var node in manifest["arrays"]?.AsArray() ?? [])
        {
            dataset.Add(ReadArray(folder, node!.AsObject(), verify));
        }
        foreach (var node in manifest["texts"]?.AsArray() ?? [])
        {
            var entry = node!.AsObject();
            string path = Path.Combine(folder, (string)entry["file"]!);
            byte[] bytes = File.ReadAllBytes(path);
            if (verify)
            {
                Check(path, (string?)entry["sha256"], Convert.ToHexStringLower(SHA256.HashData(bytes)));
            }
            string text = Encoding.UTF8.GetString(bytes);
            // Every line ends in '\n': drop the last one, then split (keeps empty lines).
            string[] lines = text.Length == 0 ? [] : text[..^1].Split('\n');
            dataset.AddText((string)entry["name"]!, lines);
        }
        return dataset;
    }

    private static DataArray ReadArray(string folder, JsonObject entry, bool verify)
    {
        string path = Path.Combine(folder, (string)entry["file"]!);
        var type = DataArray.ParseType((string)entry["dtype"]!);
        long[] shape = entry["shape"]!.AsArray().Select(d => (long)d!).ToArray();
        DataArray array;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        {
            array = DataArray.ReadFrom(stream, (string)entry["name"]!, type, shape);
            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException($"{path} is longer than its shape [{string.Join(", ", shape)}] of {type}");
            }
        }
        if (verify)
        {
            Check(path, (string?)entry["sha256"], HashOf(array));
        }
        return array;
    }

    private static string WriteHashed(DataArray array, Stream file)
    {
        using var sha = SHA256.Create();
        using (var crypto = new CryptoStream(file, sha, CryptoStreamMode.Write, leaveOpen: true))
        {
            array.WriteTo(crypto);
        }
        return Convert.ToHexStringLower(sha.Hash!);
    }

    private static string HashOf(DataArray array)
    {
        using var sha = SHA256.Create();
        using (var crypto = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write))
        {
            array.WriteTo(crypto);
        }
        return Convert.ToHexStringLower(sha.Hash!);
    }

    private static byte[] TextBytes(string[] lines)
    {
        var sb = new StringBuilder();
        foreach (string line in lines)
        {
            sb.Append(line).Append('\n');
        }
        return new UTF8Encoding(false).GetBytes(sb.ToString());
    }

    private static void Check(string path, string? expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: sha256 {actual} does not match the manifest ({expected})");
        }
    }
}
