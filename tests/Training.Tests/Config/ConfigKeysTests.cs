using Trainer.Training.Config;

namespace Trainer.Training.Tests.Config;

public class ConfigKeysTests
{
    [Fact]
    public void Every_leaf_key_is_listed_with_type_default_and_help()
    {
        var keys = ConfigKeys.List<ExperimentConfig>().ToDictionary(k => k.Key);

        var nLayer = keys["model.n_layer"];
        Assert.Equal("int", nLayer.Type);
        Assert.Equal("2", nLayer.Default);
        Assert.Equal("number of transformer blocks", nLayer.Description);
        Assert.Equal("1 <= value <= 64", nLayer.Allowed);
        Assert.Equal("sgd, adam, adam_w", keys["train.optimizer"].Allowed);
        Assert.Equal("\"adam_w\"", keys["train.optimizer"].Default);
        Assert.Equal("int?", keys["data.max_samples"].Type);
        Assert.Equal("int[]", keys["model.hidden_sizes"].Type);
        Assert.Equal("[64,32]", keys["model.hidden_sizes"].Default);
    }

    [Fact]
    public void Optional_sections_are_listed_as_null_with_their_inner_keys()
    {
        var keys = ConfigKeys.List<ExperimentConfig>().ToDictionary(k => k.Key);

        Assert.Equal("null", keys["train.schedule"].Default);
        Assert.Equal("100", keys["train.schedule.warmup_steps"].Default);
        Assert.False(keys.ContainsKey("model"));
    }

    [Fact]
    public void The_key_list_matches_the_serialized_leaves()
    {
        var listed = ConfigKeys.List<ExperimentConfig>().Select(k => k.Key).Where(k => !k.StartsWith("train.schedule.",
            StringComparison.Ordinal) && !k.StartsWith("train.loss_weights", StringComparison.Ordinal));
        var flat = ConfigJson.Flatten(new ExperimentConfig()).Keys.Where(k => !k.StartsWith("train.loss_weights",
            StringComparison.Ordinal));

        Assert.Equal(flat.Order(), listed.Order());
    }

    [Fact]
    public void Format_aligns_one_key_per_line()
    {
        var text = ConfigKeys.Format(ConfigKeys.List<ExperimentConfig>());
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.Equal(ConfigKeys.List<ExperimentConfig>().Count, lines.Length);
        Assert.Single(lines.Select(l => l.IndexOf(" default ", StringComparison.Ordinal)).Distinct());
        Assert.Contains(lines, l => l.StartsWith("model.n_layer ", StringComparison.Ordinal));
    }
}
