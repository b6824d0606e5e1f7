using Trainer.Training.Config;
using Annotations = System.ComponentModel.DataAnnotations;

namespace Trainer.Training.Tests.Config;

// Config records in Models and Data cannot reference Trainer.Training, so the loader also honours the BCL's
// DataAnnotations and System.ComponentModel attributes.
public sealed record ForeignSection : Annotations.IValidatableObject
{
    [System.ComponentModel.Description("inverse temperature beta")]
    [Annotations.Range(0.0, 100.0, MinimumIsExclusive = true)]
    public double Beta { get; init; } = 1.0;

    [Annotations.AllowedValues("dot", "cosine")]
    public string Similarity { get; init; } = "dot";

    public int Steps { get; init; } = 1;

    public int MaxSteps { get; init; } = 3;

    public IEnumerable<Annotations.ValidationResult> Validate(Annotations.ValidationContext validationContext)
    {
        if (Steps > MaxSteps)
        {
            yield return new Annotations.ValidationResult($"at most max_steps ({MaxSteps})", [nameof(Steps)]);
        }
    }
}

public sealed record RequiredSection
{
    public required string Path { get; init; }

    public int Size { get; init; } = 2;
}

// The Data project's convention: a plain Validate() that throws ArgumentException.
public sealed record ThrowingSection
{
    public int Entities { get; init; } = 10;

    public int Relations { get; init; } = 2;

    public void Validate()
    {
        if (Entities < 2)
        {
            throw new ArgumentException($"entities must be >= 2, got {Entities}");
        }
        if (Relations > Entities)
        {
            throw new ArgumentException($"at most entities ({Entities})", nameof(Relations));
        }
    }
}

public sealed record ForeignConfig
{
    public ThrowingSection Facts { get; init; } = new();

    public ForeignSection Hopfield { get; init; } = new();

    public RequiredSection? Source { get; init; }
}

public class ForeignAttributeTests
{
    [Fact]
    public void DataAnnotations_range_is_checked_and_described()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Defaults<ForeignConfig>(["hopfield.beta=0"]));
        var row = ConfigKeys.List<ForeignConfig>().Single(k => k.Key == "hopfield.beta");

        Assert.Equal("hopfield.beta", e.Key);
        Assert.Equal("0 < value <= 100", e.Errors[0].Allowed);
        Assert.Equal("inverse temperature beta", row.Description);
    }

    [Fact]
    public void DataAnnotations_allowed_values_are_checked()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Defaults<ForeignConfig>(["hopfield.similarity=l2"]));

        Assert.Equal("hopfield.similarity", e.Key);
        Assert.Equal("dot, cosine", e.Errors[0].Allowed);
    }

    [Fact]
    public void IValidatableObject_results_are_mapped_to_snake_case_keys()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Defaults<ForeignConfig>(["hopfield.steps=5"]));

        Assert.Equal("hopfield.steps", e.Key);
        Assert.Equal("5", e.Errors[0].Value);
        Assert.Equal("at most max_steps (3)", e.Errors[0].Allowed);
    }

    [Fact]
    public void A_throwing_validate_method_becomes_a_config_error()
    {
        var section = Assert.Throws<ConfigException>(() => ConfigLoader.Defaults<ForeignConfig>(["facts.entities=1"]));
        var named = Assert.Throws<ConfigException>(() => ConfigLoader.Defaults<ForeignConfig>(["facts.relations=11"]));

        Assert.Equal("facts", section.Key);
        Assert.Contains("entities must be >= 2, got 1", section.Message, StringComparison.Ordinal);
        Assert.Equal("facts.relations", named.Key);
        Assert.Equal("facts.relations = 11 (--set): at most entities (10)", named.Errors[0].ToString());
    }

    [Fact]
    public void A_required_key_without_default_must_be_given()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Defaults<ForeignConfig>(["source.size=4"]));
        var ok = ConfigLoader.Defaults<ForeignConfig>(["source.path=/data/x"]);

        Assert.Equal("source.path", e.Key);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
        Assert.Equal("/data/x", ok.Source!.Path);
        Assert.Equal(2, ok.Source.Size);
    }
}
