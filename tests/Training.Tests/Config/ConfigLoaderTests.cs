using Trainer.Training.Config;

namespace Trainer.Training.Tests.Config;

public class ConfigLoaderTests
{
    [Fact]
    public void Keys_the_file_leaves_out_keep_the_record_defaults()
    {
        var config = ConfigLoader.Parse<ExperimentConfig>("""{ "model": { "n_layer": 6 } }""");
        var defaults = new ExperimentConfig();

        Assert.Equal(6, config.Model.NLayer);
        Assert.Equal(defaults.Model.NHead, config.Model.NHead);
        Assert.Equal(defaults.Model.HiddenSizes, config.Model.HiddenSizes);
        Assert.Equal(defaults.Train, config.Train with { LossWeights = defaults.Train.LossWeights });
        Assert.Equal(defaults.Train.LossWeights, config.Train.LossWeights);
        Assert.Equal(defaults.Name, config.Name);
    }

    [Fact]
    public void Binding_does_not_mutate_the_defaults_of_a_fresh_record()
    {
        ConfigLoader.Parse<ExperimentConfig>("""{ "train": { "loss_weights": { "aux": 0.5 } } }""");

        Assert.Equal(["main"], new ExperimentConfig().Train.LossWeights.Keys);
    }

    [Fact]
    public void Nested_set_override_changes_only_its_key()
    {
        var config = ConfigLoader.Parse<ExperimentConfig>("""{ "model": { "n_layer": 6 } }""", ["model.n_head=8"]);

        Assert.Equal(6, config.Model.NLayer);
        Assert.Equal(8, config.Model.NHead);
        Assert.Equal(128, config.Model.NEmbd);
    }

    [Fact]
    public void Later_overrides_win_over_earlier_ones_and_over_the_file()
    {
        var config = ConfigLoader.Parse<ExperimentConfig>("""{ "train": { "lr": 0.01 } }""",
            ["train.lr=0.02", "train.lr=0.03"]);

        Assert.Equal(0.03, config.Train.Lr);
    }

    [Fact]
    public void Array_override_replaces_the_whole_array()
    {
        var config = ConfigLoader.Defaults<ExperimentConfig>(["model.hidden_sizes=[256, 128, 64]"]);
        var bare = ConfigLoader.Defaults<ExperimentConfig>(["model.hidden_sizes=8,4"]);

        Assert.Equal([256, 128, 64], config.Model.HiddenSizes);
        Assert.Equal([8, 4], bare.Model.HiddenSizes);
    }

    [Fact]
    public void A_list_of_strings_may_be_given_bare_or_as_json()
    {
        var bare = ConfigLoader.Defaults<ExperimentConfig>(["data.splits=[train,test]"]);
        var json = ConfigLoader.Defaults<ExperimentConfig>(["""data.splits=["a b","c"]"""]);

        Assert.Equal(["train", "test"], bare.Data.Splits);
        Assert.Equal(["a b", "c"], json.Data.Splits);
    }

    [Fact]
    public void Enums_are_read_by_name_in_any_spelling()
    {
        Assert.Equal(Optimizer.Sgd, ConfigLoader.Defaults<ExperimentConfig>(["train.optimizer=sgd"]).Train.Optimizer);
        Assert.Equal(Optimizer.AdamW, ConfigLoader.Defaults<ExperimentConfig>(["train.optimizer=adam_w"]).Train.Optimizer);
        Assert.Equal(Optimizer.AdamW, ConfigLoader.Defaults<ExperimentConfig>(["train.optimizer=AdamW"]).Train.Optimizer);
        Assert.Equal(Optimizer.Adam,
            ConfigLoader.Parse<ExperimentConfig>("""{ "train": { "optimizer": "adam" } }""").Train.Optimizer);
    }

    [Fact]
    public void Nullable_keys_take_a_value_or_null()
    {
        var set = ConfigLoader.Defaults<ExperimentConfig>(["data.max_samples=500", "train.wall_time_hours=1.5"]);
        var cleared = ConfigLoader.Parse<ExperimentConfig>("""{ "data": { "max_samples": 7 } }""",
            ["data.max_samples=null"]);

        Assert.Equal(500, set.Data.MaxSamples);
        Assert.Equal(1.5, set.Train.WallTimeHours);
        Assert.Null(cleared.Data.MaxSamples);
    }

    [Fact]
    public void Numbers_accept_researcher_spellings()
    {
        var config = ConfigLoader.Defaults<ExperimentConfig>(
            ["train.max_steps=1e4", "data.seed=100_000", "train.lr=.5", "train.grad_clip=inf"]);

        Assert.Equal(10_000, config.Train.MaxSteps);
        Assert.Equal(100_000L, config.Data.Seed);
        Assert.Equal(0.5, config.Train.Lr);
        Assert.Equal(double.PositiveInfinity, config.Train.GradClip);
    }

    [Fact]
    public void Map_entries_can_be_set_one_key_at_a_time()
    {
        var config = ConfigLoader.Defaults<ExperimentConfig>(["train.loss_weights.aux=0.25"]);

        Assert.Equal(1.0, config.Train.LossWeights["main"]);
        Assert.Equal(0.25, config.Train.LossWeights["aux"]);
    }

    [Fact]
    public void A_section_given_as_json_merges_with_the_file()
    {
        var config = ConfigLoader.Parse<ExperimentConfig>("""{ "model": { "n_layer": 6 } }""",
            ["""model={"n_head": 8}"""]);

        Assert.Equal(6, config.Model.NLayer);
        Assert.Equal(8, config.Model.NHead);
    }

    [Fact]
    public void An_optional_section_starts_from_its_own_defaults()
    {
        var off = ConfigLoader.Defaults<ExperimentConfig>();
        var on = ConfigLoader.Defaults<ExperimentConfig>(["train.schedule.warmup_steps=10"]);

        Assert.Null(off.Train.Schedule);
        Assert.Equal(10, on.Train.Schedule!.WarmupSteps);
        Assert.Equal(new ScheduleSection().MinLrRatio, on.Train.Schedule.MinLrRatio);
    }

    [Fact]
    public void Strings_are_taken_as_typed_even_when_they_look_like_json()
    {
        var config = ConfigLoader.Defaults<ExperimentConfig>(["name=run=1 [x]", "notes=\"quoted\""]);

        Assert.Equal("run=1 [x]", config.Name);
        Assert.Equal("quoted", config.Notes);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed_in_files()
    {
        var config = ConfigLoader.Parse<ExperimentConfig>("""
            {
              // a smaller model
              "model": { "n_layer": 3, },
            }
            """);

        Assert.Equal(3, config.Model.NLayer);
    }

    [Fact]
    public void Load_reads_a_file_and_a_missing_file_is_a_config_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cfg-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "name": "from-file" }""");
        try
        {
            Assert.Equal("from-file", ConfigLoader.Load<ExperimentConfig>(path).Name);
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load<ExperimentConfig>(path + ".missing"));
            Assert.Contains(path + ".missing", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
