using Trainer.Training.Config;

namespace Trainer.Training.Tests.Config;

public class ConfigErrorTests
{
    private static ConfigException Fails(string json, params string[] overrides) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse<ExperimentConfig>(json, overrides, "demo.json"));

    [Fact]
    public void Unknown_key_in_the_file_names_the_full_path_and_suggests_the_nearest()
    {
        var e = Fails("""{ "model": { "n_layr": 4 } }""");

        Assert.Equal("model.n_layr", e.Key);
        Assert.Equal("model.n_layer", e.Errors[0].Suggestion);
        Assert.Contains("model.n_layr = 4 (demo.json)", e.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'model.n_layer'", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("n_layer, n_head, n_embd, dropout, activation, hidden_sizes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_in_an_override_says_it_came_from_set()
    {
        var e = Fails("{}", "train.lrr=0.1");

        Assert.Equal("train.lrr", e.Key);
        Assert.Equal("train.lr", e.Errors[0].Suggestion);
        Assert.Equal("--set", e.Errors[0].Source);
        Assert.Equal("0.1", e.Errors[0].Value);
    }

    [Fact]
    public void A_key_in_the_wrong_section_suggests_its_full_path()
    {
        var e = Fails("{}", "n_layer=4");

        Assert.Equal("n_layer", e.Key);
        Assert.Equal("model.n_layer", e.Errors[0].Suggestion);
    }

    [Fact]
    public void A_camel_case_key_suggests_the_snake_case_one()
    {
        var e = Fails("""{ "train": { "maxSteps": 10 } }""");

        Assert.Equal("train.max_steps", e.Errors[0].Suggestion);
    }

    [Fact]
    public void A_far_off_key_gets_no_suggestion_but_still_the_allowed_keys()
    {
        var e = Fails("""{ "zzzzzzzz": 1 }""");

        Assert.Null(e.Errors[0].Suggestion);
        Assert.Equal("name, model, data, train, notes", e.Errors[0].Allowed);
    }

    [Fact]
    public void Wrong_type_names_the_key_the_value_and_the_expected_type()
    {
        var e = Fails("""{ "model": { "n_layer": "four" } }""");

        Assert.Equal("model.n_layer", e.Key);
        Assert.Equal("\"four\"", e.Errors[0].Value);
        Assert.Contains("wrong type", e.Message, StringComparison.Ordinal);
        Assert.Contains("(int)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model.n_layer=2.5", "(int)")]
    [InlineData("model.n_layer=3000000000", "(int)")]
    [InlineData("train.compile=yes", "true or false")]
    [InlineData("train.lr=fast", "(double)")]
    [InlineData("model.hidden_sizes=[1,\"x\"]", "(int)")]
    [InlineData("model.hidden_sizes=7", "JSON array")]
    public void Wrong_types_in_overrides_are_reported_with_the_expected_type(string change, string expected)
    {
        var e = Fails("{}", change);

        Assert.StartsWith(change[..change.IndexOf('=', StringComparison.Ordinal)], e.Key, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_array_element_is_named_by_its_index()
    {
        var e = Fails("""{ "model": { "hidden_sizes": [8, "x", 2] } }""");

        Assert.Equal("model.hidden_sizes[1]", e.Key);
    }

    [Fact]
    public void Null_for_a_non_nullable_key_is_an_error()
    {
        var e = Fails("""{ "model": { "n_head": null } }""");

        Assert.Equal("model.n_head", e.Key);
        Assert.Contains("null is not allowed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("train.lr=0", "0 < value <= 1")]
    [InlineData("train.lr=1.5", "0 < value <= 1")]
    [InlineData("model.dropout=1", "0 <= value < 1")]
    [InlineData("model.n_layer=0", "1 <= value <= 64")]
    [InlineData("train.max_steps=-5", "value >= 1")]
    public void Range_violation_names_the_key_the_value_and_the_interval(string change, string allowed)
    {
        var e = Fails("{}", change);

        Assert.Equal(change[..change.IndexOf('=', StringComparison.Ordinal)], e.Key);
        Assert.Equal(allowed, e.Errors[0].Allowed);
        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_applies_to_each_array_element()
    {
        var e = Fails("{}", "model.hidden_sizes=[8,0,2]");

        Assert.Equal("model.hidden_sizes[1]", e.Key);
        Assert.Equal("0", e.Errors[0].Value);
    }

    [Fact]
    public void Unknown_enum_name_lists_the_allowed_names_and_suggests_one()
    {
        var e = Fails("{}", "train.optimizer=adamx");

        Assert.Equal("train.optimizer", e.Key);
        Assert.Equal("sgd, adam, adam_w", e.Errors[0].Allowed);
        Assert.Equal("adam", e.Errors[0].Suggestion);
    }

    [Fact]
    public void One_of_violation_lists_the_allowed_strings()
    {
        var e = Fails("""{ "data": { "dataset": "zipff" } }""");

        Assert.Equal("data.dataset", e.Key);
        Assert.Equal("path_star, zipf", e.Errors[0].Allowed);
    }

    [Fact]
    public void Validate_hook_reports_cross_key_problems_with_the_full_key()
    {
        var e = Fails("""{ "model": { "n_embd": 100 } }""", "model.n_head=3");

        Assert.Equal("model.n_embd", e.Key);
        Assert.Equal("100", e.Errors[0].Value);
        Assert.Equal("a multiple of n_head (3)", e.Errors[0].Allowed);
        Assert.Equal("demo.json", e.Errors[0].Source);
    }

    [Fact]
    public void All_problems_are_reported_in_one_exception()
    {
        var e = Fails("""{ "model": { "n_layr": 4, "n_head": "x" }, "trian": {} }""", "train.lr=-1");

        Assert.Equal(["model.n_layr", "model.n_head", "trian", "train.lr"], e.Errors.Select(x => x.Key));
        Assert.Contains("4 config errors", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_keys_below_a_plain_value_are_rejected()
    {
        var e = Fails("{}", "model.n_layer.x=1");

        Assert.Equal("model.n_layer.x", e.Key);
        Assert.Contains("has no keys below it", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model.n_layer")]
    [InlineData("=4")]
    [InlineData("model..n_layer=4")]
    public void Malformed_overrides_are_config_errors(string change)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Defaults<ExperimentConfig>([change]));

        Assert.Contains("key=value", e.Message + e.Errors[0].Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_a_config_error_naming_the_file_and_line()
    {
        var e = Fails("{\n  \"name\": \"x\"\n  \"model\": {}\n}");

        Assert.Contains("demo.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Contains("(line 3, column 3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_object_is_rejected()
    {
        var e = Fails("[1, 2]");

        Assert.Contains("one JSON object", e.Message, StringComparison.Ordinal);
    }
}
