using System.Text.Json;
using Trainer.Models.Hopfield;
using HopfieldModule = Trainer.Models.Hopfield.Hopfield;
using Trainer.Models.Hopfield.Retrieval;
using Trainer.Torch;
using Trainer.Torch.Nn;
using static Trainer.Models.Tests.Hopfield.HopfieldTestSupport;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Hopfield;

/// <summary>One parity case: a layer kind, its configuration, input sizes and masks.</summary>
public sealed record ParityCase(string Name, string Kind, HopfieldConfig Config, long B, long L, long S,
    bool Padding = false, string? Mask = null, int Quantity = 1, bool Separate = false);

/// <summary>
/// Builds every parity case in C# (random weights and inputs, forward, backward of sum(output * cotangent)), writes
/// weights and inputs to safetensors, runs tests/fixtures/hopfield/hopfield_reference.py once (python3-torch), and
/// keeps both sides' outputs, associations and gradients for the tests to compare.
/// </summary>
public sealed class HopfieldParityFixture : IDisposable
{
    public static readonly ParityCase[] Cases =
    {
        new("attention", "hopfield", new HopfieldConfig { InputSize = 8, NumHeads = 2 }, 3, 4, 5),
        new("iterated_masks", "hopfield", new HopfieldConfig
        {
            InputSize = 8, HiddenSize = 3, PatternSize = 5, OutputSize = 6, NumHeads = 2, StoredPatternSize = 7,
            PatternProjectionSize = 6, UpdateStepsMax = 3, UpdateStepsEps = 1e-9, ScalingPerHead = new[] { 0.5, 2.0 },
            NormalizeHopfieldSpace = true, NormalizeHopfieldSpaceAffine = true, AssociationActivation = "tanh",
        }, 3, 4, 6, Padding: true, Mask: "bool2"),
        new("entmax_static", "hopfield", new HopfieldConfig
        {
            InputSize = 6, HiddenSize = 4, NumHeads = 2, StoredPatternAsStatic = true, Normalizer = NormalizerKind.Entmax15,
            UpdateStepsMax = 2, UpdateStepsEps = 1e-9, Scaling = 1.5,
        }, 2, 3, 5, Mask: "float3"),
        new("sparsemax_connected", "hopfield", new HopfieldConfig
        {
            InputSize = 6, NumHeads = 3, PatternProjectionAsConnected = true, AddZeroAssociation = true, ConcatBiasPattern = true,
            Normalizer = NormalizerKind.Sparsemax, UpdateStepsMax = 4, UpdateStepsEps = 1e-9, BatchFirst = false, Scaling = 3.0,
        }, 2, 4, 5, Padding: true),
        new("static_execution", "hopfield", new HopfieldConfig
        {
            StoredPatternAsStatic = true, StatePatternAsStatic = true, PatternProjectionAsStatic = true, DisableOutProjection = true,
            NormalizeStoredPattern = false, NormalizeStoredPatternAffine = false, NormalizeStatePattern = false,
            NormalizeStatePatternAffine = false, NormalizePatternProjection = false, NormalizePatternProjectionAffine = false,
            UpdateStepsMax = 5, UpdateStepsEps = 1e-9,
        }, 2, 3, 6),
        new("pooling", "pooling", new HopfieldConfig { InputSize = 6, NumHeads = 2, UpdateStepsMax = 1, UpdateStepsEps = 1e-9 },
            3, 3, 5, Quantity: 3),
        new("lookup", "lookup", new HopfieldConfig
        {
            InputSize = 5, StoredPatternSize = 4, PatternProjectionSize = 3, OutputSize = 2, HiddenSize = 6,
            UpdateStepsMax = 2, UpdateStepsEps = 1e-9, Normalizer = NormalizerKind.Entmax15,
        }, 3, 4, 0, Quantity: 7, Separate: true),
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"trainer-hopfield-{Guid.NewGuid():N}");
    private readonly Dictionary<string, Dictionary<string, Tensor>> _ours = new();
    private readonly Dictionary<string, Dictionary<string, Tensor>> _theirs = new();

    public HopfieldParityFixture()
    {
        Missing = PythonMissing;
        if (Missing is not null)
        {
            return;
        }

        Directory.CreateDirectory(_dir);
        ulong seed = 100;
        foreach (ParityCase c in Cases)
        {
            _ours[c.Name] = RunOurs(c, seed++);
        }

        var (code, stdout, stderr) = RunPython(Fixture("hopfield_reference.py"), _dir);
        if (code != 0)
        {
            throw new InvalidOperationException($"hopfield_reference.py failed ({code}):\n{stderr}\n{stdout}");
        }

        foreach (ParityCase c in Cases)
        {
            _theirs[c.Name] = load(Path.Combine(_dir, c.Name + ".out.safetensors"));
        }
    }

    /// <summary>Why the reference is unavailable, or null.</summary>
    public string? Missing { get; }

    public IReadOnlyDictionary<string, Tensor> Ours(string name) => _ours[name];

    public IReadOnlyDictionary<string, Tensor> Theirs(string name) => _theirs[name];

    private Dictionary<string, Tensor> RunOurs(ParityCase c, ulong seed)
    {
        manual_seed(seed);
        Module module = c.Kind switch
        {
            "pooling" => new HopfieldPooling(c.Config, c.Quantity),
            "lookup" => new HopfieldLayer(c.Config, c.Quantity, c.Separate),
            _ => new HopfieldModule(c.Config),
        };
        using (no_grad())
        {
            foreach (var (_, p) in module.named_parameters())
            {
                using Tensor r = randn(p.shape) * 0.5;
                p.copy_(r);
            }
        }

        HopfieldModule core = module switch
        {
            HopfieldPooling pool => pool.hopfield,
            HopfieldLayer layer => layer.hopfield,
            HopfieldModule h => h,
            _ => throw new InvalidOperationException(),
        };
        HopfieldDims d = core.Dims;
        long stateDim = c.Config.StatePatternAsStatic ? StaticDim(d) : d.InputSize;
        long storedDim = c.Config.StoredPatternAsStatic ? StaticDim(d) : d.StoredSize;
        long projDim = c.Config.PatternProjectionAsStatic ? (d.PatternDim > 0 ? d.PatternDim : StaticDim(d)) : d.ProjectionSize;
        bool bf = c.Config.BatchFirst;
        var inputs = new Dictionary<string, Tensor>();
        Tensor Input(string name, long n, long dim)
        {
            Tensor t = (bf ? randn(c.B, n, dim) : randn(n, c.B, dim)).requires_grad_();
            inputs[name] = t;
            return t;
        }

        Tensor? padding = c.Padding ? PaddingMask(c) : null;
        Tensor? mask = c.Mask is null ? null : AssociationMask(c, core);
        Tensor output = c.Kind switch
        {
            "pooling" => ((HopfieldPooling)module).forward(Input("stored", c.S, d.StoredSize), inputs["stored"], padding, mask),
            "lookup" => ((HopfieldLayer)module).forward(Input("state", c.L, d.InputSize), padding, mask),
            _ => core.forward(Input("stored", c.S, storedDim), Input("state", c.L, stateDim), Input("projection", c.S, projDim), padding, mask),
        };
        Tensor assoc = c.Kind switch
        {
            "pooling" => ((HopfieldPooling)module).GetAssociationMatrix(inputs["stored"], inputs["stored"], padding, mask),
            "lookup" => ((HopfieldLayer)module).GetAssociationMatrix(inputs["state"]),
            _ => core.GetAssociationMatrix(inputs["stored"], inputs["state"], inputs["projection"], padding, mask),
        };
        Tensor cotangent = randn(output.shape);
        using (Tensor loss = (output * cotangent).sum())
        {
            loss.backward();
        }

        var file = new Dictionary<string, Tensor> { ["cotangent"] = cotangent };
        var ours = new Dictionary<string, Tensor> { ["output"] = output.detach(), ["associations"] = assoc };
        foreach (var (name, p) in module.named_parameters())
        {
            file["param." + name] = p;
            if (p.grad is { } g)
            {
                ours["grad." + name] = g;
            }
        }

        foreach (var (name, t) in inputs)
        {
            file["input." + name] = t;
            ours["grad." + name] = t.grad!;
        }

        if (padding is not null)
        {
            file["input.padding_mask"] = padding;
        }

        if (mask is not null)
        {
            file["input.association_mask"] = mask;
        }

        save(file, Path.Combine(_dir, c.Name + ".in.safetensors"));
        File.WriteAllText(Path.Combine(_dir, c.Name + ".json"), JsonSerializer.Serialize(Json(c, core)));
        return ours;
    }

    private static long StaticDim(HopfieldDims d) => d.HeadDim > 0 ? d.HeadDim : 5;

    private static Tensor PaddingMask(ParityCase c)
    {
        var m = new bool[c.B * c.S];
        m[(c.B - 1) * c.S + c.S - 1] = true;                                  // last batch element: last stored pattern ignored
        m[c.S - 2] = true;
        return tensor(m, new long[] { c.B, c.S });
    }

    private static Tensor AssociationMask(ParityCase c, HopfieldModule core)
    {
        long heads = core.Dims.Heads;
        if (c.Mask == "bool2")
        {
            var m = new bool[c.L * c.S];
            for (long l = 0; l < c.L; l++)
            {
                for (long s = 1; s < c.S; s++)
                {
                    m[l * c.S + s] = (l + s) % 3 == 0;
                }
            }

            return tensor(m, new long[] { c.L, c.S });
        }

        return randn(c.B * heads, c.L, c.S);                                   // float3: additive, library layout
    }

    private static Dictionary<string, object?> Json(ParityCase c, HopfieldModule core)
    {
        HopfieldConfig k = c.Config;
        HopfieldDims d = core.Dims;
        return new Dictionary<string, object?>
        {
            ["kind"] = c.Kind,
            ["num_heads"] = d.Heads,
            ["head_dim"] = d.HeadDim,
            ["pattern_dim"] = d.PatternDim,
            ["beta"] = core.Scaling.ToArray(),
            ["update_steps_max"] = k.UpdateStepsMax,
            ["update_steps_eps"] = k.UpdateStepsEps,
            ["normalizer"] = k.Normalizer.ToString().ToLowerInvariant(),
            ["normalize_stored_pattern"] = k.NormalizeStoredPattern,
            ["normalize_stored_pattern_eps"] = k.NormalizeStoredPatternEps,
            ["normalize_state_pattern"] = k.NormalizeStatePattern,
            ["normalize_state_pattern_eps"] = k.NormalizeStatePatternEps,
            ["normalize_pattern_projection"] = k.NormalizePatternProjection,
            ["normalize_pattern_projection_eps"] = k.NormalizePatternProjectionEps,
            ["normalize_hopfield_space"] = k.NormalizeHopfieldSpace,
            ["normalize_hopfield_space_eps"] = k.NormalizeHopfieldSpaceEps,
            ["stored_pattern_as_static"] = k.StoredPatternAsStatic,
            ["state_pattern_as_static"] = k.StatePatternAsStatic,
            ["pattern_projection_as_static"] = k.PatternProjectionAsStatic,
            ["pattern_projection_as_connected"] = k.PatternProjectionAsConnected,
            ["concat_bias_pattern"] = k.ConcatBiasPattern,
            ["add_zero_association"] = k.AddZeroAssociation,
            ["association_activation"] = k.AssociationActivation,
            ["batch_first"] = k.BatchFirst,
        };
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
