using System.Text.Json;
using Trainer.Training.Config;

namespace Trainer.Training.Tests.Config;

public class ConfigJsonTests
{
    private static readonly string[] _changes =
    [
        "name=round trip", "model.n_layer=6", "model.n_head=8", "model.activation=relu", "model.hidden_sizes=[5,3]",
        "data.max_samples=77", "data.splits=[a,b,c]", "train.optimizer=sgd", "train.lr=0.1234567890123",
        "train.beta2=0.999", "train.grad_clip=inf", "train.loss_weights.aux=0.5", "train.schedule.warmup_steps=9",
        "train.compile=true",
    ];

    [Fact]
    public void A_resolved_config_survives_a_json_round_trip()
    {
        var original = ConfigLoader.Defaults<ExperimentConfig>(_changes);

        var json = ConfigJson.Serialize(original);
        var back = ConfigLoader.Parse<ExperimentConfig>(json);

        Assert.Equal(json, ConfigJson.Serialize(back));
        Assert.Equal(original.Model with { HiddenSizes = [] }, back.Model with { HiddenSizes = [] });
        Assert.Equal([5, 3], back.Model.HiddenSizes);
        Assert.Equal(0.1234567890123, back.Train.Lr);
        Assert.Equal(0.999f, back.Train.Beta2);
        Assert.Equal(double.PositiveInfinity, back.Train.GradClip);
        Assert.Equal(original.Train.Schedule, back.Train.Schedule);
        Assert.Equal(original.Data.Splits, back.Data.Splits);
        Assert.Equal(0.5, back.Train.LossWeights["aux"]);
    }

    [Fact]
    public void Serialized_json_uses_snake_case_keys_enum_names_and_lists_every_key()
    {
        var config = ConfigLoader.Defaults<ExperimentConfig>(["model.n_layer=6", "train.optimizer=adam_w"]);

        using var doc = JsonDocument.Parse(ConfigJson.Serialize(config));
        var root = doc.RootElement;

        Assert.Equal(6, root.GetProperty("model").GetProperty("n_layer").GetInt32());
        Assert.Equal("adam_w", root.GetProperty("train").GetProperty("optimizer").GetString());
        Assert.Equal("relu", JsonDocument.Parse(ConfigJson.Serialize(new ModelSection { Activation = Activation.Relu }))
            .RootElement.GetProperty("activation").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("notes").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("train").GetProperty("schedule").ValueKind);
        Assert.Equal(128, root.GetProperty("model").GetProperty("n_embd").GetInt32());
    }

    [Fact]
    public void Serialized_json_is_indented_and_ends_with_a_newline()
    {
        var json = ConfigJson.Serialize(new ExperimentConfig());

        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Contains("\n  \"model\": {\n    \"n_layer\": 2,", json, StringComparison.Ordinal);
        Assert.Contains("\"hidden_sizes\": [64, 32]\n", json, StringComparison.Ordinal);
        Assert.Contains("\"beta2\": 0.95,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Flatten_gives_dotted_keys_with_plain_values()
    {
        var flat = ConfigJson.Flatten(ConfigLoader.Defaults<ExperimentConfig>(["model.n_layer=6"]));

        Assert.Equal(6L, flat["model.n_layer"]);
        Assert.Equal(3e-4, flat["train.lr"]);
        Assert.Equal("adam_w", flat["train.optimizer"]);
        Assert.Equal(false, flat["train.compile"]);
        Assert.Equal("[64,32]", flat["model.hidden_sizes"]);
        Assert.Equal(1.0, flat["train.loss_weights.main"]);
        Assert.Null(flat["notes"]);
    }
}
