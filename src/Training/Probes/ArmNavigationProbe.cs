namespace Trainer.Training.Probes;

/// <summary>Config of <see cref="ArmNavigationProbe"/>.</summary>
public sealed record ArmNavigationConfig
{
    /// <summary>Random-embedding control draws.</summary>
    public int ControlDraws { get; init; } = 16;

    /// <summary>Seed of the control draws.</summary>
    public ulong Seed { get; init; } = 1357;
}

/// <summary>Result of <see cref="ArmNavigationProbe"/>.</summary>
/// <param name="Leaves">Leaves tested.</param>
/// <param name="Arms">Arms of the star.</param>
/// <param name="ArmMeanAccuracy">Share of leaves whose nearest arm centroid (the arm's mean embedding, the leaf left out) is their own arm.</param>
/// <param name="NearestNodeAccuracy">Share of leaves whose nearest other non-root node lies on their own arm.</param>
/// <param name="Chance">1 / arms.</param>
/// <param name="ControlArmMean">ArmMeanAccuracy of the random-embedding control.</param>
/// <param name="ControlNearestNode">NearestNodeAccuracy of the random-embedding control.</param>
public sealed record ArmNavigationResult(
    int Leaves,
    int Arms,
    double ArmMeanAccuracy,
    double NearestNodeAccuracy,
    double Chance,
    ControlStats ControlArmMean,
    ControlStats ControlNearestNode);

/// <summary>
/// Path-star one-step navigation (paper section 3.2): a leaf's first step from the root is an l-fold composition
/// leaf -&gt; parent -&gt; ... under an associative view, but a single lookup when the leaf's embedding already sits
/// nearest its own arm. For each tested leaf (by default every leaf; pass the held-out ones where a run has a
/// split), is the nearest arm in embedding space (Euclidean) its own? Measured by arm centroid and by nearest node.
/// </summary>
public sealed class ArmNavigationProbe
{
    public ArmNavigationProbe(ArmNavigationConfig? config = null) => Config = config ?? new ArmNavigationConfig();

    public ArmNavigationConfig Config { get; }

    /// <summary>The probe; null when the graph has no arms (not a star-like tree) or no leaves to test.</summary>
    public ArmNavigationResult? Run(EmbeddingMatrix e, NodeRoles roles, IReadOnlyList<int>? leaves = null)
    {
        int[] tested = (leaves ?? roles.Leaves()).Where(u => roles.Arm[u] >= 0).ToArray();
        if (!roles.HasArms || tested.Length == 0)
        {
            return null;
        }

        var (armMean, nearest) = Measure(e, roles, tested);
        var controls = RandomControl.Draws(e.Rows, e.Cols, Config.ControlDraws, Config.Seed)
            .Select(c => Measure(c, roles, tested))
            .ToList();
        return new ArmNavigationResult(
            tested.Length,
            roles.ArmCount,
            armMean,
            nearest,
            1.0 / roles.ArmCount,
            ControlStats.Of(controls.Select(c => c.ArmMean).ToList()),
            ControlStats.Of(controls.Select(c => c.Nearest).ToList()));
    }

    private static (double ArmMean, double Nearest) Measure(EmbeddingMatrix e, NodeRoles roles, int[] leaves)
    {
        int byMean = 0;
        int byNode = 0;
        foreach (int leaf in leaves)
        {
            byMean += NearestCentroid(e, roles, leaf) == roles.Arm[leaf] ? 1 : 0;
            byNode += NearestNodeArm(e, roles, leaf) == roles.Arm[leaf] ? 1 : 0;
        }

        return ((double)byMean / leaves.Length, (double)byNode / leaves.Length);
    }

    private static int NearestCentroid(EmbeddingMatrix e, NodeRoles roles, int leaf)
    {
        int d = e.Cols;
        var sums = new double[roles.ArmCount * d];
        var counts = new int[roles.ArmCount];
        for (int u = 0; u < e.Rows; u++)
        {
            int a = roles.Arm[u];
            if (a < 0 || u == leaf)
            {
                continue;
            }

            counts[a]++;
            ReadOnlySpan<double> row = e.Row(u);
            for (int j = 0; j < d; j++)
            {
                sums[(a * d) + j] += row[j];
            }
        }

        ReadOnlySpan<double> x = e.Row(leaf);
        int best = -1;
        double bestDist = double.PositiveInfinity;
        for (int a = 0; a < roles.ArmCount; a++)
        {
            if (counts[a] == 0)
            {
                continue;
            }

            double dist = 0;
            for (int j = 0; j < d; j++)
            {
                double diff = x[j] - (sums[(a * d) + j] / counts[a]);
                dist += diff * diff;
            }

            if (dist < bestDist)
            {
                best = a;
                bestDist = dist;
            }
        }

        return best;
    }

    private static int NearestNodeArm(EmbeddingMatrix e, NodeRoles roles, int leaf)
    {
        int best = -1;
        double bestDist = double.PositiveInfinity;
        for (int u = 0; u < e.Rows; u++)
        {
            if (u == leaf || roles.Arm[u] < 0)
            {
                continue;
            }

            double dist = e.Distance(leaf, u);
            if (dist < bestDist)
            {
                best = u;
                bestDist = dist;
            }
        }

        return best < 0 ? -1 : roles.Arm[best];
    }
}
