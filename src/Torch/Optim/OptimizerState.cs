using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Trainer.Torch.Optim;

/// <summary>One parameter group in a state dict: its hyper-parameters and the indices of its parameters.</summary>
public sealed record GroupState(IReadOnlyDictionary<string, double> options, IReadOnlyList<int> parameters);

/// <summary>
/// A snapshot of an optimizer for checkpoints, laid out as PyTorch's <c>optimizer.state_dict()</c>:
/// <c>param_groups</c> (hyper-parameters per group, parameters as indices counted across all groups in order) and
/// <c>state</c> (per parameter index: step count and moment tensors). The snapshot owns copies of the tensors, so
/// later optimizer steps do not change it; dispose it when done.
/// For a safetensors checkpoint, <see cref="ToTensors"/> gives the tensors under flat names
/// (<c>state.3.exp_avg</c>) and <see cref="ToJson"/> the rest; <see cref="FromParts"/> puts them back together.
/// </summary>
public sealed class OptimizerState : IDisposable
{
    private const string Prefix = "state.";

    public OptimizerState(IReadOnlyList<GroupState> param_groups, IReadOnlyDictionary<int, ParamState> state)
    {
        this.param_groups = param_groups;
        this.state = state;
    }

    public IReadOnlyList<GroupState> param_groups { get; }

    /// <summary>State by parameter index; parameters that never had a gradient have no entry.</summary>
    public IReadOnlyDictionary<int, ParamState> state { get; }

    /// <summary>The snapshot's tensors under <c>state.{index}.{name}</c> (the snapshot's own tensors, not copies).</summary>
    public Dictionary<string, Tensor> ToTensors()
    {
        var d = new Dictionary<string, Tensor>();
        foreach (var (i, s) in state)
        {
            foreach (var (name, t) in s.tensors)
            {
                d[Prefix + i.ToString(CultureInfo.InvariantCulture) + "." + name] = t;
            }
        }

        return d;
    }

    /// <summary>Groups and step counts as JSON: <c>{"param_groups":[{"options":{..},"params":[..]}],"state":{"0":{"step":10,"tensors":[..]}}}</c>.</summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteStartArray("param_groups");
            foreach (GroupState g in param_groups)
            {
                w.WriteStartObject();
                w.WriteStartObject("options");
                foreach (var (k, v) in g.options.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WriteNumber(k, v);
                }

                w.WriteEndObject();
                w.WriteStartArray("params");
                foreach (int p in g.parameters)
                {
                    w.WriteNumberValue(p);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("state");
            foreach (var (i, s) in state.OrderBy(kv => kv.Key))
            {
                w.WriteStartObject(i.ToString(CultureInfo.InvariantCulture));
                w.WriteNumber("step", s.step);
                w.WriteStartArray("tensors");
                foreach (string name in s.tensors.Keys.Order(StringComparer.Ordinal))
                {
                    w.WriteStringValue(name);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>
    /// Rebuilds a snapshot from <see cref="ToJson"/>'s text and <see cref="ToTensors"/>'s tensors (copied, so the
    /// caller keeps ownership of <paramref name="tensors"/>). Every tensor the JSON names must be present.
    /// </summary>
    public static OptimizerState FromParts(IReadOnlyDictionary<string, Tensor> tensors, string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        var groups = new List<GroupState>();
        foreach (JsonElement g in root.GetProperty("param_groups").EnumerateArray())
        {
            var options = new Dictionary<string, double>();
            foreach (JsonProperty o in g.GetProperty("options").EnumerateObject())
            {
                options[o.Name] = o.Value.GetDouble();
            }

            groups.Add(new GroupState(options, g.GetProperty("params").EnumerateArray().Select(e => e.GetInt32()).ToList()));
        }

        var state = new Dictionary<int, ParamState>();
        foreach (JsonProperty e in root.GetProperty("state").EnumerateObject())
        {
            int i = int.Parse(e.Name, CultureInfo.InvariantCulture);
            var s = new ParamState { step = e.Value.GetProperty("step").GetInt64() };
            foreach (JsonElement n in e.Value.GetProperty("tensors").EnumerateArray())
            {
                string key = Prefix + e.Name + "." + n.GetString();
                if (!tensors.TryGetValue(key, out Tensor? t))
                {
                    throw new TorchException($"optimizer state: tensor '{key}' is missing from the checkpoint");
                }

                s.Set(n.GetString()!, t.clone());
            }

            state[i] = s;
        }

        return new OptimizerState(groups, state);
    }

    public void Dispose()
    {
        foreach (ParamState s in state.Values)
        {
            s.Dispose();
        }
    }
}
