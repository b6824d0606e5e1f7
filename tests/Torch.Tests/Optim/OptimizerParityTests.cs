using System.Text.Json;
using Trainer.Torch.Nn;
using Trainer.Torch.Optim;
using Xunit.Abstractions;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Optim;

/// <summary>
/// 20 steps of each optimizer from the same parameters and gradients as torch.optim in python3-torch
/// (tests/fixtures/optim/optim_fixture.py): every parameter after every step agrees within 1e-6 of the values' scale.
/// </summary>
public sealed class OptimizerParityTests
{
    /// <summary>The configurations the fixture script runs (checked against the fixture below).</summary>
    private static readonly string[] s_runNames =
    {
        "sgd_plain", "sgd_momentum_nesterov_wd", "sgd_momentum_dampening_maximize",
        "adam", "adam_wd", "adam_amsgrad_wd", "adam_maximize", "adam_betas_zero",
        "adamw", "adamw_amsgrad", "adamw_betas_zero",
        "adam_two_groups", "sgd_two_groups",
        "sparse_adam", "sparse_adam_betas_maximize", "sgd_sparse",
    };

    public static TheoryData<string> Runs => new(s_runNames);

    private readonly ITestOutputHelper _out;

    public OptimizerParityTests(ITestOutputHelper output)
    {
        _out = output;
    }

    [PyTorchFact]
    public void The_fixture_runs_exactly_the_configurations_tested_here()
    {
        var fixture = OptimFixture.Instance.Root.GetProperty("runs").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(s_runNames.Order(), fixture);
    }

    [PyTorchTheory]
    [MemberData(nameof(Runs))]
    public void Each_step_matches_torch_optim(string name)
    {
        Replay(name, fused: true);
        if (OptimFixture.Instance.Run(name).GetProperty("kind").GetString()!.StartsWith("Adam", StringComparison.Ordinal))
        {
            Replay(name, fused: false);   // the op-by-op reference path as well
        }
    }

    private void Replay(string name, bool fused)
    {
        OptimFixture fx = OptimFixture.Instance;
        JsonElement run = fx.Run(name);
        bool sparse = run.GetProperty("sparse").GetBoolean();
        Dictionary<string, Parameter> ps = fx.Root.GetProperty(sparse ? "sparse_params" : "params").EnumerateObject()
            .ToDictionary(p => p.Name, p => OptimFixture.MakeParameter(p.Value));
        using Optimizer opt = Build(run, ps);
        if (opt is Adam adam)
        {
            adam.fused = fused;
        }

        JsonElement[] grads = fx.Root.GetProperty(sparse ? "sparse_grads" : "grads").EnumerateArray().ToArray();
        JsonElement[] trajectory = run.GetProperty("trajectory").EnumerateArray().ToArray();
        Assert.Equal(20, trajectory.Length);

        double worst = 0;
        long exact = 0, total = 0;
        for (int step = 0; step < trajectory.Length; step++)
        {
            using (NewDisposeScope())
            {
                foreach (var (k, p) in ps)
                {
                    p.grad = Gradient(grads[step].GetProperty(k), p.shape, sparse);
                }

                opt.step();
                if (opt is Adam a)
                {
                    Assert.Equal(fused, a.last_step_fused);
                }

                foreach (var (k, p) in ps)
                {
                    float[] want = OptimFixture.Floats(trajectory[step].GetProperty(k));
                    var (diff, scale) = OptimFixture.Compare(p, want);
                    double rel = diff / Math.Max(1.0, scale);
                    worst = Math.Max(worst, rel);
                    Assert.True(rel <= 1e-6, $"{name} (fused {fused}): step {step + 1}, parameter {k}: max |diff| {diff:E3} at scale {scale:G4}");
                    float[] got = p.data<float>();
                    exact += got.Zip(want).Count(z => z.First == z.Second);
                    total += got.Length;
                }
            }
        }

        string path = opt is Adam ? (fused ? " (fused)" : " (op by op)") : "";
        _out.WriteLine($"{name}{path}: worst relative difference {worst:E2}; {exact}/{total} values bit-identical");
    }

    private static Tensor? Gradient(JsonElement g, long[] shape, bool sparse)
    {
        if (g.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!sparse)
        {
            return tensor(OptimFixture.Floats(g), shape);
        }

        long[][] rows = g.GetProperty("indices").EnumerateArray().Select(OptimFixture.Longs).ToArray();
        Tensor indices = tensor(rows.SelectMany(r => r).ToArray(), new long[] { rows.Length, rows[0].Length });
        Tensor values = tensor(OptimFixture.Floats(g.GetProperty("values")), OptimFixture.Longs(g.GetProperty("values_shape")));
        return sparse_coo_tensor(indices, values, shape);
    }

    /// <summary>The optimizer the fixture describes: kind, keyword arguments and (optionally) parameter groups.</summary>
    internal static Optimizer Build(JsonElement run, IReadOnlyDictionary<string, Parameter> ps)
    {
        JsonElement kw = run.GetProperty("kwargs");
        double Num(string key, double fallback) => kw.TryGetProperty(key, out JsonElement v) ? v.GetDouble() : fallback;
        bool Flag(string key) => kw.TryGetProperty(key, out JsonElement v) && v.GetBoolean();
        (double, double)? betas = kw.TryGetProperty("betas", out JsonElement b)
            ? (b[0].GetDouble(), b[1].GetDouble())
            : null;

        List<ParamGroup> groups;
        JsonElement spec = run.GetProperty("groups");
        if (spec.ValueKind == JsonValueKind.Null)
        {
            groups = new() { new ParamGroup(ps.Values) };
        }
        else
        {
            groups = spec.EnumerateArray().Select(g => new ParamGroup(
                g.GetProperty("params").EnumerateArray().Select(n => (Tensor)ps[n.GetString()!]),
                lr: g.TryGetProperty("lr", out JsonElement lr) ? lr.GetDouble() : null,
                weight_decay: g.TryGetProperty("weight_decay", out JsonElement wd) ? wd.GetDouble() : null)).ToList();
        }

        return run.GetProperty("kind").GetString() switch
        {
            "SGD" => optim.SGD(groups, Num("lr", double.NaN), Num("momentum", 0), Num("dampening", 0),
                Num("weight_decay", 0), Flag("nesterov"), Flag("maximize")),
            "Adam" => optim.Adam(groups, Num("lr", 1e-3), betas, Num("eps", 1e-8), Num("weight_decay", 0),
                Flag("amsgrad"), Flag("maximize")),
            "AdamW" => optim.AdamW(groups, Num("lr", 1e-3), betas, Num("eps", 1e-8), Num("weight_decay", 1e-2),
                Flag("amsgrad"), Flag("maximize")),
            "SparseAdam" => optim.SparseAdam(groups, Num("lr", 1e-3), betas, Num("eps", 1e-8), Flag("maximize")),
            var k => throw new NotSupportedException(k),
        };
    }
}
