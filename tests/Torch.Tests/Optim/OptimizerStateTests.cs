using Trainer.Torch.Nn;
using Trainer.Torch.Optim;
using static Trainer.Torch.torch;

namespace Trainer.Torch.Tests.Optim;

/// <summary>Checkpoints: a run saved after 10 steps and resumed in a fresh optimizer equals an uninterrupted run exactly.</summary>
public sealed class OptimizerStateTests
{
    private static readonly long[][] Shapes = { new long[] { 4, 3 }, new long[] { 5 }, new long[] { 2, 3, 2 } };

    public static TheoryData<string> Kinds => new(new[] { "sgd", "adam_amsgrad", "adamw", "adam_betas_zero", "sparse_adam" });

    private static Optimizer Make(string kind, IReadOnlyList<Parameter> ps) => kind switch
    {
        "sgd" => optim.SGD(ps, lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-2),
        "adam_amsgrad" => optim.Adam(new[] { new ParamGroup(ps.Take(1)), new ParamGroup(ps.Skip(1), lr: 3e-3) },
            lr: 1e-2, amsgrad: true, weight_decay: 0.05),
        "adamw" => optim.AdamW(ps, lr: 1e-2, weight_decay: 0.1),
        "adam_betas_zero" => optim.Adam(ps, lr: 1e-2, betas: (0, 0)),
        "sparse_adam" => optim.SparseAdam(ps, lr: 1e-2),
        _ => throw new NotSupportedException(kind),
    };

    private static List<Parameter> Fresh(bool sparse)
    {
        return sparse
            ? new List<Parameter> { new(TestRandom.Randn(11, 8, 3)) }
            : Shapes.Select((s, i) => new Parameter(TestRandom.Randn(11 + i, s))).ToList();
    }

    /// <summary>Gradients for step <paramref name="step"/> (a function of the step only, so both runs see the same).</summary>
    private static void SetGrads(IReadOnlyList<Parameter> ps, int step, bool sparse)
    {
        for (int i = 0; i < ps.Count; i++)
        {
            Parameter p = ps[i];
            int seed = (1000 * step) + i;
            if (!sparse)
            {
                p.grad = step % 4 == 3 && p.ndim == 1 ? null : TestRandom.Randn(seed, p.shape);
                continue;
            }

            Tensor rows = TestRandom.Randint(seed, p.size(0), 1, 5);
            p.grad = sparse_coo_tensor(rows, TestRandom.Randn(seed + 500, 5, p.size(1)), p.shape);
        }
    }

    private static void Steps(Optimizer o, IReadOnlyList<Parameter> ps, int from, int to, bool sparse, LrScheduler? s = null)
    {
        for (int step = from; step < to; step++)
        {
            using DisposeScope scope = NewDisposeScope();
            SetGrads(ps, step, sparse);
            o.step();
            s?.step();
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resuming_from_a_state_dict_after_10_steps_equals_an_uninterrupted_run(string kind)
    {
        bool sparse = kind == "sparse_adam";
        List<Parameter> straight = Fresh(sparse);
        using Optimizer a = Make(kind, straight);
        LrScheduler sa = new WarmupCosineLR(a, 3, 20);
        Steps(a, straight, 0, 20, sparse, sa);

        List<Parameter> first = Fresh(sparse);
        using Optimizer b = Make(kind, first);
        LrScheduler sb = new WarmupCosineLR(b, 3, 20);
        Steps(b, first, 0, 10, sparse, sb);

        // Through the checkpoint form: flat tensors + JSON, as a safetensors file would hold them.
        Dictionary<string, Tensor> tensors;
        string json;
        using (OptimizerState saved = b.state_dict())
        {
            tensors = saved.ToTensors().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
            json = saved.ToJson();
        }

        Dictionary<string, double> schedState = sb.state_dict();
        List<Parameter> resumed = first.Select(p => new Parameter(p.detach().clone())).ToList();
        using Optimizer c = Make(kind, resumed);
        LrScheduler sc = new WarmupCosineLR(c, 3, 20);
        using (OptimizerState loaded = OptimizerState.FromParts(tensors, json))
        {
            c.load_state_dict(loaded);
        }

        sc.load_state_dict(schedState);
        Steps(c, resumed, 10, 20, sparse, sc);

        for (int i = 0; i < straight.Count; i++)
        {
            Assert.True(straight[i].equal(resumed[i]), $"{kind}: parameter {i} differs after resuming");
        }

        Assert.Equal(sa.get_last_lr(), sc.get_last_lr());
        Assert.Equal(a.param_groups[0].lr, c.param_groups[0].lr);
        Assert.Equal(a.state(straight[0])!.step, c.state(resumed[0])!.step);
    }

    [Fact]
    public void The_state_dict_is_a_snapshot_with_pytorch_layout()
    {
        List<Parameter> ps = Fresh(sparse: false);
        using Optimizer o = Make("adam_amsgrad", ps);
        Steps(o, ps, 0, 4, sparse: false);   // parameter 1 (1-D) has no gradient at step 3

        using OptimizerState s = o.state_dict();
        Assert.Equal(2, s.param_groups.Count);
        Assert.Equal(new[] { 0 }, s.param_groups[0].parameters);
        Assert.Equal(new[] { 1, 2 }, s.param_groups[1].parameters);
        Assert.Equal(3e-3, s.param_groups[1].options["lr"]);
        Assert.Equal(1.0, s.param_groups[0].options["amsgrad"]);
        Assert.Equal(4, s.state[0].step);
        Assert.Equal(3, s.state[1].step);
        Assert.Equal(new[] { "exp_avg", "exp_avg_sq", "max_exp_avg_sq" }, s.state[2].tensors.Keys.Order());
        Assert.Contains("state.2.max_exp_avg_sq", s.ToTensors().Keys);

        Tensor before = s.state[0]["exp_avg"]!.clone();
        Steps(o, ps, 4, 5, sparse: false);
        Assert.True(before.equal(s.state[0]["exp_avg"]!), "a later step changed the snapshot");
        Assert.False(before.equal(o.state(ps[0])!["exp_avg"]!), "the optimizer's own state did not move");
    }

    [Fact]
    public void Loading_a_state_dict_for_other_shapes_or_groups_fails_with_a_clear_message()
    {
        List<Parameter> ps = Fresh(sparse: false);
        using Optimizer o = optim.Adam(ps);
        Steps(o, ps, 0, 2, sparse: false);
        using OptimizerState s = o.state_dict();

        using Optimizer twoGroups = optim.Adam(new[] { new ParamGroup(ps.Take(1)), new ParamGroup(ps.Skip(1)) });
        Assert.Contains("parameter groups", Assert.Throws<TorchException>(() => twoGroups.load_state_dict(s)).Message, StringComparison.Ordinal);

        var other = Shapes.Select(sh => new Parameter(zeros(sh.Reverse().ToArray()))).ToList();
        using Optimizer wrongShape = optim.Adam(other);
        var e = Assert.Throws<TorchException>(() => wrongShape.load_state_dict(s));
        Assert.Contains("shape", e.Message, StringComparison.Ordinal);
        Assert.Null(wrongShape.state(other[0]));
    }

    [Fact]
    public void A_missing_checkpoint_tensor_is_named()
    {
        List<Parameter> ps = Fresh(sparse: false);
        using Optimizer o = optim.AdamW(ps);
        Steps(o, ps, 0, 1, sparse: false);
        using OptimizerState s = o.state_dict();
        Dictionary<string, Tensor> tensors = s.ToTensors();
        tensors.Remove("state.1.exp_avg_sq");
        var e = Assert.Throws<TorchException>(() => OptimizerState.FromParts(tensors, s.ToJson()));
        Assert.Contains("state.1.exp_avg_sq", e.Message, StringComparison.Ordinal);
    }
}
