using Trainer.Training.Config;

namespace Trainer.Training.Tests.Config;

public class KeyNamesTests
{
    [Theory]
    [InlineData("NLayer", "n_layer")]
    [InlineData("NEmbd", "n_embd")]
    [InlineData("LearningRate", "learning_rate")]
    [InlineData("Beta2", "beta2")]
    [InlineData("MaxSteps", "max_steps")]
    [InlineData("HTTPProxy", "http_proxy")]
    [InlineData("nLayer", "n_layer")]
    [InlineData("Lr", "lr")]
    public void Pascal_case_names_become_snake_case_keys(string name, string key)
    {
        Assert.Equal(key, KeyNames.ToSnakeCase(name));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("", "abc", 3)]
    [InlineData("n_layer", "nLayer", 0)]
    [InlineData("n_layr", "n_layer", 1)]
    public void Edit_distance_matches_levenshtein(string a, string b, int distance)
    {
        Assert.Equal(distance, Suggest.Distance(a, b));
    }

    [Fact]
    public void Nearest_ignores_candidates_that_are_too_far()
    {
        Assert.Equal("dropout", Suggest.Nearest("dropuot", ["n_layer", "dropout"]));
        Assert.Null(Suggest.Nearest("xyz", ["n_layer", "dropout"]));
    }
}
