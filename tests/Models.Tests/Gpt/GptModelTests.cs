using Trainer.Models.Core;
using Trainer.Models.Gpt;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Models.Tests.Gpt;

/// <summary>Shapes, names, printing, checkpoints, metrics and config checks of <see cref="GptModel"/>.</summary>
public sealed class GptModelTests
{
    private static readonly GptConfig s_small = new() { VocabSize = 23, BlockSize = 8, NLayer = 2, NHead = 2, NEmbd = 16 };

    [Fact]
    public void Forward_maps_token_ids_to_one_logit_per_vocabulary_entry()
    {
        manual_seed(1);
        using var model = new GptModel(s_small);
        using Tensor idx = randint(0, 23, new long[] { 3, 5 }, ScalarType.Int32); // int32 ids are accepted too
        using Tensor logits = model.forward(idx);
        Assert.Equal(new long[] { 3, 5, 23 }, logits.shape);
    }

    [Fact]
    public void Parameters_are_named_as_nanoGPT_and_counted_once_when_tied()
    {
        manual_seed(1);
        using var tied = new GptModel(s_small);
        using var untied = new GptModel(s_small with { TieWeights = false, Bias = false });
        var names = tied.named_parameters().Select(p => p.name).ToList();

        Assert.Equal("transformer.wte.weight", names[0]);
        Assert.Equal("transformer.wpe.weight", names[1]);
        Assert.Contains("transformer.h.0.ln_1.weight", names);
        Assert.Contains("transformer.h.0.attn.c_attn.weight", names);
        Assert.Contains("transformer.h.0.attn.c_attn.bias", names);
        Assert.Contains("transformer.h.1.attn.c_proj.weight", names);
        Assert.Contains("transformer.h.1.ln_2.bias", names);
        Assert.Contains("transformer.h.1.mlp.c_fc.weight", names);
        Assert.Contains("transformer.h.1.mlp.c_proj.bias", names);
        Assert.Equal("transformer.ln_f.bias", names[^1]);
        Assert.DoesNotContain("lm_head.weight", names);
        Assert.Equal("lm_head.weight", untied.named_parameters().Last().name);
        Assert.DoesNotContain(untied.named_parameters(), p => p.name.EndsWith(".bias", StringComparison.Ordinal));

        // D = 16, V = 23, T = 8, L = 2: per block 2 LN (2 x 32) + c_attn (16*48 + 48) + c_proj (16*16 + 16)
        // + c_fc (16*64 + 64) + c_proj (64*16 + 16) = 3280; embeddings 23*16 + 8*16; ln_f 32.
        Assert.Equal(23 * 16 + 8 * 16 + 2 * 3280 + 32, tied.num_parameters());
        Assert.Equal(tied.num_parameters() + 23 * 16 - (2 * (32 + 48 + 16 + 64 + 16) + 16), untied.num_parameters());
    }

    [Fact]
    public void ToString_prints_the_module_tree_like_pytorch()
    {
        manual_seed(1);
        using var model = new GptModel(s_small with { Attention = "hopfield", HopfieldSteps = 2 });
        string s = model.ToString();

        Assert.StartsWith("GPT(", s, StringComparison.Ordinal);
        Assert.Contains("n_layer=2, n_head=2, n_embd=16, vocab_size=23, block_size=8, tie_weights=True", s);
        Assert.Contains("(transformer): ModuleDict(", s);
        Assert.Contains("(wte): Embedding(23, 16)", s);
        Assert.Contains("(wpe): Embedding(8, 16)", s);
        Assert.Contains("(c_attn): Linear(in_features=16, out_features=48, bias=True)", s);
        Assert.Contains("attention=hopfield, beta=0.353553, steps=2", s);
        Assert.Contains("(c_fc): Linear(in_features=16, out_features=64, bias=True)", s);
        Assert.Contains("(gelu): GELU(", s);
        Assert.DoesNotContain("lm_head", s);
    }

    [Fact]
    public void A_sequence_longer_than_block_size_is_refused()
    {
        manual_seed(1);
        using var model = new GptModel(s_small);
        using Tensor idx = zeros(new long[] { 1, 9 }, ScalarType.Int64);
        var e = Assert.Throws<ArgumentException>(() => model.forward(idx));
        Assert.Contains("block size is only 8", e.Message);
    }

    [Fact]
    public void Weights_round_trip_through_a_safetensors_checkpoint()
    {
        manual_seed(1);
        using var a = new GptModel(s_small with { TieWeights = false });
        manual_seed(2);
        using var b = new GptModel(s_small with { TieWeights = false });
        using var dir = new TempFolder();
        save(a.state_dict(), dir.File("ckpt.safetensors"));
        Dictionary<string, Tensor> loaded = load(dir.File("ckpt.safetensors"));
        b.load_state_dict(loaded);

        using Tensor idx = randint(23, new long[] { 2, 8 });
        using Tensor la = a.forward(idx);
        using Tensor lb = b.forward(idx);
        Assert.True(la.equal(lb));
        Assert.Contains("lm_head.weight", loaded.Keys);
    }

    [Fact]
    public void Node_embeddings_are_the_first_rows_of_the_token_embedding()
    {
        manual_seed(1);
        using var model = new GptModel(s_small, nodeCount: 14);
        using Tensor nodes = model.NodeEmbeddings();
        using Tensor rows = model.transformer.wte.weight.narrow(0, 0, 14);

        Assert.Equal(new long[] { 14, 16 }, nodes.shape);
        Assert.True(nodes.equal(rows));
        Assert.False(nodes.requires_grad);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GptModel(s_small, nodeCount: 24));
    }

    [Fact]
    public void Evaluate_reports_the_loss_and_the_accuracy_on_counted_positions()
    {
        manual_seed(1);
        using var model = new GptModel(s_small);
        model.eval();
        using Tensor idx = randint(23, new long[] { 4, 6 });
        using Tensor logits = model.forward(idx);
        long[] argmax = logits.argmax(-1).data<long>();
        // Targets: the model's own argmax at some positions, argmax+1 at others, -1 elsewhere. Row 0 is all right.
        var target = new long[24];
        int counted = 0, right = 0;
        for (int i = 0; i < 24; i++)
        {
            target[i] = (i % 6) switch
            {
                0 => -1,
                1 or 2 => argmax[i],
                _ => i < 6 ? argmax[i] : (argmax[i] + 1) % 23,
            };
            if (target[i] >= 0)
            {
                counted++;
                right += target[i] == argmax[i] ? 1 : 0;
            }
        }

        using var batch = new Batch(idx.alias(), tensor(target, new long[] { 4, 6 }));
        IReadOnlyDictionary<string, double> m = model.Evaluate(batch);
        using Tensor loss = model.Loss(batch);

        Assert.Equal(loss.item<float>(), m["loss"], 5);
        Assert.Equal((double)right / counted, m["acc"], 12);
        Assert.Equal(0.25, m["seq_acc"], 12);
    }

    [Theory]
    [InlineData("normal_0.02", 0.02)]
    [InlineData("normal_1", 1.0)]
    public void Initial_weights_have_the_configured_scales(string embeddingInit, double embStd)
    {
        manual_seed(3);
        var config = new GptConfig { VocabSize = 500, BlockSize = 64, NLayer = 4, NHead = 4, NEmbd = 64, EmbeddingInit = embeddingInit };
        using var model = new GptModel(config);
        var p = model.named_parameters().ToDictionary(x => x.name, x => x.parameter);

        AssertStd(p["transformer.wte.weight"], embStd);
        AssertStd(p["transformer.wpe.weight"], embStd);
        AssertStd(p["transformer.h.0.attn.c_attn.weight"], 0.02);
        AssertStd(p["transformer.h.3.mlp.c_fc.weight"], 0.02);
        AssertStd(p["transformer.h.2.attn.c_proj.weight"], 0.02 / Math.Sqrt(8));
        AssertStd(p["transformer.h.1.mlp.c_proj.weight"], 0.02 / Math.Sqrt(8));
        using Tensor bias = p["transformer.h.0.attn.c_attn.bias"].abs().max();
        Assert.Equal(0f, bias.item<float>());
    }

    [Theory]
    [InlineData(nameof(GptConfig.NEmbd), "n_embd")]
    [InlineData(nameof(GptConfig.Attention), "attention")]
    [InlineData(nameof(GptConfig.EmbeddingInit), "embedding_init")]
    [InlineData(nameof(GptConfig.HopfieldSteps), "hopfield_steps")]
    [InlineData(nameof(GptConfig.HopfieldBeta), "hopfield_beta")]
    public void Invalid_configs_name_the_offending_key(string property, string key)
    {
        GptConfig bad = property switch
        {
            nameof(GptConfig.NEmbd) => s_small with { NEmbd = 15 },
            nameof(GptConfig.Attention) => s_small with { Attention = "linear" },
            nameof(GptConfig.EmbeddingInit) => s_small with { EmbeddingInit = "xavier" },
            nameof(GptConfig.HopfieldSteps) => s_small with { HopfieldSteps = 0 },
            _ => s_small with { HopfieldBeta = -1 },
        };
        var e = Assert.Throws<ArgumentException>(() => new GptModel(bad));
        Assert.StartsWith(key, e.Message, StringComparison.Ordinal);
    }

    private static void AssertStd(Tensor t, double expected)
    {
        using Tensor std = t.std();
        double s = std.item<float>();
        Assert.InRange(s, expected * 0.9, expected * 1.1);
    }
}
