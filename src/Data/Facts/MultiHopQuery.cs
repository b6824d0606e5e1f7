namespace Trainer.Data.Facts;

/// <summary>
/// A k-hop query: start at Head, apply Relations[0..k-1] in order; Entities[j] is the entity reached after j + 1
/// hops, so Entities[^1] is the answer. Example: Head 0, Relations [r0, r1], Entities [2, 1] reads
/// "0 r0 -&gt; 2, 2 r1 -&gt; 1".
/// </summary>
/// <param name="Head">Starting entity.</param>
/// <param name="Relations">Relation ids, one per hop.</param>
/// <param name="Entities">Intermediate entities and the answer.</param>
public sealed record MultiHopQuery(int Head, int[] Relations, int[] Entities)
{
    /// <summary>Number of hops k.</summary>
    public int Hops => Relations.Length;

    /// <summary>The final entity.</summary>
    public int Answer => Entities[^1];
}
