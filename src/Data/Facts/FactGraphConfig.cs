namespace Trainer.Data.Facts;

/// <summary>How atomic facts are laid out over entities.</summary>
public enum FactStructure
{
    /// <summary>Each (head, relation) has a fact with probability fact_density; the tail is uniform over other entities.</summary>
    Random,

    /// <summary>A complete (R-1)-ary tree: relation 0 is "parent", relation j (1..R-1) is "j-th child".</summary>
    Hierarchical,

    /// <summary>Entities in R + 1 layers; relation r maps layer r to layer r + 1, so only r, r+1, ... compose.</summary>
    Chain,
}

/// <summary>Configuration of a fact graph and its multi-hop queries (JSON keys snake_case).</summary>
public sealed record FactGraphConfig
{
    /// <summary>Number of entities E.</summary>
    public int Entities { get; init; } = 1000;

    /// <summary>Number of relations R.</summary>
    public int Relations { get; init; } = 4;

    /// <summary>Layout of the facts.</summary>
    public FactStructure Structure { get; init; } = FactStructure.Random;

    /// <summary>Probability that a (head, relation) pair has a fact (random and chain structures).</summary>
    public double FactDensity { get; init; } = 1.0;

    /// <summary>Longest composition l; queries of 2..l hops are drawn.</summary>
    public int MaxHops { get; init; } = 2;

    /// <summary>Distinct queries drawn per hop count (fewer if the graph has fewer).</summary>
    public int QueriesPerHop { get; init; } = 1000;

    /// <summary>Fraction of each hop's queries held out as unseen compositions.</summary>
    public double UnseenFraction { get; init; } = 0.5;

    /// <summary>Targets of k-hop queries list the intermediate entities t1 .. tk, not only tk.</summary>
    public bool Intermediates { get; init; }

    /// <summary>Rename entities by a random permutation after building the structure.</summary>
    public bool RandomizeEntityIds { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Entities < 2)
        {
            throw new ArgumentException($"entities must be >= 2, got {Entities}");
        }
        if (Relations < 1)
        {
            throw new ArgumentException($"relations must be >= 1, got {Relations}");
        }
        if (Structure == FactStructure.Hierarchical && Relations < 2)
        {
            throw new ArgumentException("the hierarchical structure needs relations >= 2 (parent plus at least one child relation)");
        }
        if (Structure == FactStructure.Chain && Entities < Relations + 1)
        {
            throw new ArgumentException($"the chain structure needs entities >= relations + 1 = {Relations + 1}");
        }
        if (Structure == FactStructure.Chain && MaxHops > Relations)
        {
            throw new ArgumentException($"max_hops {MaxHops} exceeds relations {Relations}: a chain composes at most R facts");
        }
        if (!(FactDensity > 0 && FactDensity <= 1))
        {
            throw new ArgumentException($"fact_density must lie in (0, 1], got {FactDensity}");
        }
        if (MaxHops < 1 || QueriesPerHop < 0)
        {
            throw new ArgumentException($"max_hops must be >= 1 and queries_per_hop >= 0, got {MaxHops} and {QueriesPerHop}");
        }
        if (!(UnseenFraction >= 0 && UnseenFraction <= 1))
        {
            throw new ArgumentException($"unseen_fraction must lie in [0, 1], got {UnseenFraction}");
        }
    }
}
