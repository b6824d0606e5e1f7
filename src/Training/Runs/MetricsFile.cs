using System.Text.Json;
using System.Text.Json.Nodes;
using Trainer.Training.Config;

namespace Trainer.Training.Runs;

/// <summary>
/// <c>metrics.json</c> of a run: one JSON object of named values (<c>"final/val_loss": 1.93</c>) and named series of
/// step records (<c>"eval": [{"step": 200, "val/loss": 2.1}, ...]</c>). Every change rewrites the file atomically
/// (<see cref="AtomicFile"/>), so a kill never leaves it half written. Appending a step at or before the last one
/// in a series first drops the later entries: a resumed run that replays steps overwrites them instead of
/// duplicating them. NaN and infinities are stored as the strings "NaN", "Infinity", "-Infinity".
/// </summary>
public sealed class MetricsFile
{
    private readonly object _lock = new();
    private readonly JsonObject _root;

    /// <summary>Opens <paramref name="path"/>, reading what is there; throws <see cref="InvalidDataException"/> when it is not a JSON object.</summary>
    public MetricsFile(string path)
    {
        Path = path;
        _root = File.Exists(path) ? Read(path) : new JsonObject();
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>A copy of the current contents.</summary>
    public JsonObject Snapshot()
    {
        lock (_lock)
        {
            return (JsonObject)_root.DeepClone();
        }
    }

    /// <summary>Sets a top-level number and saves.</summary>
    public void Set(string key, double value) => Set(key, ConfigJson.ToNode(value));

    /// <summary>Sets a top-level value (any JSON) and saves.</summary>
    public void Set(string key, JsonNode? value) => Update(root => root[key] = value?.DeepClone());

    /// <summary>Appends <c>{"step": step, ...values}</c> to a series (dropping entries at or after that step) and saves.</summary>
    public void Append(string series, long step, IReadOnlyDictionary<string, double> values)
    {
        var entry = new JsonObject { ["step"] = step };
        foreach (var (key, value) in values)
        {
            entry[key] = ConfigJson.ToNode(value);
        }
        Update(root =>
        {
            if (root[series] is not JsonArray list)
            {
                list = [];
                root[series] = list;
            }
            DropFrom(list, step);
            list.Add(entry);
        });
    }

    /// <summary>Drops every series entry with a step after <paramref name="step"/> (e.g. the checkpoint step on resume) and saves.</summary>
    public void TruncateAfter(long step) => Update(root =>
    {
        foreach (var list in root.Select(p => p.Value).OfType<JsonArray>())
        {
            DropFrom(list, step + 1);
        }
    });

    /// <summary>Applies any change to the JSON object and saves it atomically.</summary>
    public void Update(Action<JsonObject> change)
    {
        lock (_lock)
        {
            change(_root);
            AtomicFile.WriteText(Path, ConfigJson.Write(_root) + "\n");
        }
    }

    private static void DropFrom(JsonArray list, long step)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i] is JsonObject entry && entry["step"] is JsonValue s && s.TryGetValue<long>(out var at) && at >= step)
            {
                list.RemoveAt(i);
            }
        }
    }

    private static JsonObject Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path} does not hold a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }
}
