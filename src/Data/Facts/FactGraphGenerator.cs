using Trainer.Data.Randomness;

namespace Trainer.Data.Facts;

/// <summary>A fact graph with its multi-hop queries split into seen (trainable) and unseen compositions.</summary>
/// <param name="Config">The configuration used.</param>
/// <param name="Graph">The atomic facts; all of them are training data.</param>
/// <param name="Seen">Compositions of 2..l hops that may be trained on.</param>
/// <param name="Unseen">Held-out compositions: never trained on, yet every fact they use is in <paramref name="Graph"/>.</param>
public sealed record FactGraphDataset(FactGraphConfig Config, FactGraph Graph, IReadOnlyList<MultiHopQuery> Seen, IReadOnlyList<MultiHopQuery> Unseen);

/// <summary>
/// Builds fact graphs and their multi-hop queries.
/// </summary>
/// <remarks>
/// Structures, before entity ids are randomised:
/// random: (h, r) has a fact with probability fact_density, tail uniform over the other entities.
/// hierarchical (R = b + 1 relations): entity i &gt; 0 has parent (i - 1) / b; (i, r0) -&gt; parent,
/// (i, r_j) -&gt; b i + j, the j-th child, where it exists. Example b = 2: (1, r0) -&gt; 0, (0, r1) -&gt; 1,
/// (0, r2) -&gt; 2, (1, r1) -&gt; 3; the 2-hop query (3; r0, r2) is 3's sibling 4.
/// chain: entities in R + 1 consecutive layers; (h, r) exists for h in layer r with probability fact_density,
/// tail uniform in layer r + 1, so compositions are runs r, r+1, ..., r+k-1.
/// Queries of k hops start at a uniform entity with at least one fact and pick a uniform available relation at
/// each hop; duplicates are dropped. Each hop's queries are shuffled and the first floor(Q * unseen_fraction)
/// held out.
/// </remarks>
public static class FactGraphGenerator
{
    /// <summary>Builds the graph and queries from a config and seed.</summary>
    public static FactGraphDataset Generate(FactGraphConfig config, ulong seed)
    {
        config.Validate();
        var graph = BuildGraph(config, seed);
        var seen = new List<MultiHopQuery>();
        var unseen = new List<MultiHopQuery>();
        for (int k = 2; k <= config.MaxHops; k++)
        {
            var rng = Rng.ForStream(Rng.DeriveSeed(seed, "queries"), (ulong)k);
            var queries = SampleQueries(graph, k, config.QueriesPerHop, rng);
            Sampling.Shuffle<MultiHopQuery>(rng, queries);
            int held = (int)Math.Floor(queries.Length * config.UnseenFraction);
            unseen.AddRange(queries[..held]);
            seen.AddRange(queries[held..]);
        }
        return new FactGraphDataset(config, graph, seen, unseen);
    }

    /// <summary>The atomic facts only.</summary>
    public static FactGraph BuildGraph(FactGraphConfig config, ulong seed)
    {
        config.Validate();
        var rng = Rng.ForPurpose(seed, "facts");
        var (heads, rels, tails) = config.Structure switch
        {
            FactStructure.Hierarchical => Hierarchical(config),
            FactStructure.Chain => Chain(config, rng),
            _ => RandomFacts(config, rng),
        };
        if (config.RandomizeEntityIds)
        {
            int[] ids = Sampling.Permutation(Rng.ForPurpose(seed, "entity-ids"), config.Entities);
            for (int i = 0; i < heads.Count; i++)
            {
                heads[i] = ids[heads[i]];
                tails[i] = ids[tails[i]];
            }
        }
        return new FactGraph(config.Entities, config.Relations, heads.ToArray(), rels.ToArray(), tails.ToArray());
    }

    /// <summary>Up to <paramref name="count"/> distinct k-hop queries, in the order first drawn.</summary>
    public static MultiHopQuery[] SampleQueries(FactGraph graph, int hops, int count, Rng rng)
    {
        var starts = Enumerable.Range(0, graph.EntityCount).Where(e => Available(graph, e).Count > 0).ToArray();
        var result = new List<MultiHopQuery>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        long attempts = 0;
        long maxAttempts = 50L * count + 1000;
        while (result.Count < count && attempts++ < maxAttempts && starts.Length > 0)
        {
            int head = starts[rng.NextInt(starts.Length)];
            var relations = new int[hops];
            var entities = new int[hops];
            int current = head;
            bool complete = true;
            for (int j = 0; j < hops; j++)
            {
                var options = Available(graph, current);
                if (options.Count == 0)
                {
                    complete = false;
                    break;
                }
                relations[j] = options[rng.NextInt(options.Count)];
                current = graph.Tail(current, relations[j]);
                entities[j] = current;
            }
            if (complete && keys.Add($"{head}:{string.Join(',', relations)}"))
            {
                result.Add(new MultiHopQuery(head, relations, entities));
            }
        }
        return result.ToArray();
    }

    private static List<int> Available(FactGraph graph, int entity)
    {
        var options = new List<int>();
        for (int r = 0; r < graph.RelationCount; r++)
        {
            if (graph.Tail(entity, r) >= 0)
            {
                options.Add(r);
            }
        }
        return options;
    }

    private static (List<int>, List<int>, List<int>) RandomFacts(FactGraphConfig config, Rng rng)
    {
        var (h, r, t) = (new List<int>(), new List<int>(), new List<int>());
        for (int rel = 0; rel < config.Relations; rel++)
        {
            for (int e = 0; e < config.Entities; e++)
            {
                if (config.FactDensity < 1 && !rng.NextBool(config.FactDensity))
                {
                    continue;
                }
                int tail = rng.NextInt(config.Entities - 1);
                h.Add(e);
                r.Add(rel);
                t.Add(tail >= e ? tail + 1 : tail);
            }
        }
        return (h, r, t);
    }

    private static (List<int>, List<int>, List<int>) Hierarchical(FactGraphConfig config)
    {
        int b = config.Relations - 1;
        var (h, r, t) = (new List<int>(), new List<int>(), new List<int>());
        for (int e = 0; e < config.Entities; e++)
        {
            if (e > 0)
            {
                h.Add(e);
                r.Add(0);
                t.Add((e - 1) / b);
            }
            for (int j = 1; j <= b; j++)
            {
                long child = (long)b * e + j;
                if (child < config.Entities)
                {
                    h.Add(e);
                    r.Add(j);
                    t.Add((int)child);
                }
            }
        }
        return (h, r, t);
    }

    private static (List<int>, List<int>, List<int>) Chain(FactGraphConfig config, Rng rng)
    {
        int layers = config.Relations + 1;
        var start = new int[layers + 1];
        for (int l = 0; l <= layers; l++)
        {
            start[l] = (int)((long)config.Entities * l / layers);
        }
        var (h, r, t) = (new List<int>(), new List<int>(), new List<int>());
        for (int rel = 0; rel < config.Relations; rel++)
        {
            int nextSize = start[rel + 2] - start[rel + 1];
            for (int e = start[rel]; e < start[rel + 1]; e++)
            {
                if (config.FactDensity < 1 && !rng.NextBool(config.FactDensity))
                {
                    continue;
                }
                h.Add(e);
                r.Add(rel);
                t.Add(start[rel + 1] + rng.NextInt(nextSize));
            }
        }
        return (h, r, t);
    }
}
