namespace Trainer.Training.Probes;

/// <summary>
/// The association heat map of a next-node scorer: P[u, w] = softmax_w S[u, w] over node answers (self given
/// probability 0 when the scores exclude it), for up to <see cref="MaxNodes"/> nodes ordered by arm, then depth,
/// then id, so that a path-star's arms show as blocks and its edges as bands next to the diagonal.
/// </summary>
/// <param name="Nodes">Node ids of the rows and columns, in display order.</param>
/// <param name="Probabilities">P over the listed nodes (each row renormalised over them).</param>
public sealed record AssociationMap(int[] Nodes, double[][] Probabilities)
{
    /// <summary>Largest map kept in probes.json.</summary>
    public const int MaxNodes = 64;

    public static AssociationMap Of(ScoreMatrix scores, NodeRoles roles)
    {
        int[] order = Enumerable.Range(0, scores.NodeCount)
            .OrderBy(u => roles.Arm[u])
            .ThenBy(u => roles.Depth[u] < 0 ? int.MaxValue : roles.Depth[u])
            .ThenBy(u => u)
            .Take(MaxNodes)
            .ToArray();
        var rows = new double[order.Length][];
        for (int i = 0; i < order.Length; i++)
        {
            int u = order[i];
            double max = double.NegativeInfinity;
            foreach (int w in order)
            {
                if (!(scores.ExcludesSelf && w == u))
                {
                    max = Math.Max(max, scores[u, w]);
                }
            }

            double[] p = order.Select(w => scores.ExcludesSelf && w == u ? 0 : Math.Exp(scores[u, w] - max)).ToArray();
            double sum = p.Sum();
            rows[i] = p.Select(x => sum > 0 ? x / sum : 0).ToArray();
        }

        return new AssociationMap(order, rows);
    }
}
