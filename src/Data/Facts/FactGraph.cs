using Trainer.Data.Graphs;

namespace Trainer.Data.Facts;

/// <summary>
/// Atomic facts (head, relation) -&gt; tail over E entities and R relations. Each (head, relation) has at most one
/// tail, so a relation is a partial function; facts are stored sorted by (relation, head).
/// </summary>
/// <remarks>
/// Example: E = 4, R = 2, facts (0, r0) -&gt; 2, (1, r0) -&gt; 3, (2, r1) -&gt; 1. Then Tail(0, 0) = 2,
/// Tail(0, 1) = -1, the 2-hop query (0; r0, r1) has answer 1 via intermediate 2, and RelationGraph(0) is the
/// directed graph 0 -&gt; 2, 1 -&gt; 3.
/// </remarks>
public sealed class FactGraph
{
    private readonly int[] _tails;

    /// <summary>Facts from parallel arrays (any order); a repeated (head, relation) is an error.</summary>
    public FactGraph(int entities, int relations, ReadOnlySpan<int> heads, ReadOnlySpan<int> rels, ReadOnlySpan<int> tails)
    {
        EntityCount = entities;
        RelationCount = relations;
        _tails = new int[entities * relations];
        Array.Fill(_tails, -1);
        for (int i = 0; i < heads.Length; i++)
        {
            if ((uint)heads[i] >= (uint)entities || (uint)tails[i] >= (uint)entities || (uint)rels[i] >= (uint)relations)
            {
                throw new ArgumentException($"fact {i} ({heads[i]}, r{rels[i]}) -> {tails[i]} is out of range");
            }
            ref int slot = ref _tails[heads[i] * relations + rels[i]];
            if (slot >= 0)
            {
                throw new ArgumentException($"two facts for ({heads[i]}, r{rels[i]})");
            }
            slot = tails[i];
        }
        var h = new List<int>();
        var r = new List<int>();
        var t = new List<int>();
        for (int rel = 0; rel < relations; rel++)
        {
            for (int e = 0; e < entities; e++)
            {
                int tail = _tails[e * relations + rel];
                if (tail >= 0)
                {
                    h.Add(e);
                    r.Add(rel);
                    t.Add(tail);
                }
            }
        }
        Heads = h.ToArray();
        Relations = r.ToArray();
        Tails = t.ToArray();
    }

    /// <summary>Number of entities E.</summary>
    public int EntityCount { get; }

    /// <summary>Number of relations R.</summary>
    public int RelationCount { get; }

    /// <summary>Head of each fact, sorted by (relation, head).</summary>
    public int[] Heads { get; }

    /// <summary>Relation of each fact.</summary>
    public int[] Relations { get; }

    /// <summary>Tail of each fact.</summary>
    public int[] Tails { get; }

    /// <summary>Number of atomic facts.</summary>
    public int FactCount => Heads.Length;

    /// <summary>The tail of (head, relation), or -1 when there is no such fact.</summary>
    public int Tail(int head, int relation) => _tails[head * RelationCount + relation];

    /// <summary>Facts as an (F, 3) array of (head, relation, tail) rows.</summary>
    public int[] FactArray()
    {
        var a = new int[FactCount * 3];
        for (int i = 0; i < FactCount; i++)
        {
            a[3 * i] = Heads[i];
            a[3 * i + 1] = Relations[i];
            a[3 * i + 2] = Tails[i];
        }
        return a;
    }

    /// <summary>Relation <paramref name="relation"/> as a graph over entities: head -&gt; tail arcs (or edges).</summary>
    public Graph RelationGraph(int relation, bool directed = true)
    {
        var src = new List<int>();
        var dst = new List<int>();
        for (int i = 0; i < FactCount; i++)
        {
            if (Relations[i] == relation)
            {
                src.Add(Heads[i]);
                dst.Add(Tails[i]);
            }
        }
        return GraphBuilder.FromEdges(EntityCount, src.ToArray(), dst.ToArray(), directed);
    }

    /// <summary>All relations together as one graph over entities (parallel facts merged).</summary>
    public Graph UnionGraph(bool directed = false) => GraphBuilder.FromEdges(EntityCount, Heads, Tails, directed);

    /// <summary>Follows the relations from <paramref name="head"/>; the entities visited, or null at a missing fact.</summary>
    public int[]? Follow(int head, ReadOnlySpan<int> relations)
    {
        var visited = new int[relations.Length];
        int current = head;
        for (int k = 0; k < relations.Length; k++)
        {
            current = Tail(current, relations[k]);
            if (current < 0)
            {
                return null;
            }
            visited[k] = current;
        }
        return visited;
    }
}
