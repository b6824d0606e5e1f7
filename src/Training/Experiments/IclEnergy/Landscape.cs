namespace Trainer.Training.Experiments.IclEnergy;

/// <summary>
/// One energy landscape on a square grid: <see cref="Energy"/>[i, j] = E((x_j, y_i) | context) with
/// x_j = y_j = -h + 2 h j / (n - 1) (x along columns, y along rows, row 0 at y = -h), plus the points it was drawn for.
/// </summary>
/// <param name="Energy">(n, n) energies.</param>
/// <param name="HalfWidth">h: the grid spans [-h, h]^2.</param>
/// <param name="Context">The in-context points the model read, (x, y) each.</param>
/// <param name="Centres">The true component means of the mixture.</param>
/// <param name="SeenCentres">The means of the components that have at least one point in the context.</param>
public sealed record Landscape(double[,] Energy, double HalfWidth, IReadOnlyList<(double X, double Y)> Context,
    IReadOnlyList<(double X, double Y)> Centres, IReadOnlyList<(double X, double Y)> SeenCentres)
{
    /// <summary>Langevin samples drawn from E(. | context), for plots (may be empty).</summary>
    public IReadOnlyList<(double X, double Y)> Samples { get; init; } = [];

    /// <summary>Grid points per side n.</summary>
    public int Size => Energy.GetLength(0);

    /// <summary>The coordinate of grid index k.</summary>
    public double Coord(int k) => -HalfWidth + 2 * HalfWidth * k / (Size - 1);

    /// <summary>
    /// Strict local minima of the grid (lower than all 8 neighbours, edges included with their existing neighbours),
    /// deepest first, at most <paramref name="count"/>.
    /// </summary>
    public IReadOnlyList<(double X, double Y, double E)> DeepestMinima(int count)
    {
        int n = Size;
        var minima = new List<(double X, double Y, double E)>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (IsLocalMinimum(i, j))
                {
                    minima.Add((Coord(j), Coord(i), Energy[i, j]));
                }
            }
        }

        return minima.OrderBy(m => m.E).Take(count).ToList();
    }

    private bool IsLocalMinimum(int i, int j)
    {
        int n = Size;
        double e = Energy[i, j];
        for (int di = -1; di <= 1; di++)
        {
            for (int dj = -1; dj <= 1; dj++)
            {
                int a = i + di, b = j + dj;
                if ((di != 0 || dj != 0) && a >= 0 && a < n && b >= 0 && b < n && !(Energy[a, b] > e))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Mean over <paramref name="targets"/> of the distance to the nearest of <paramref name="candidates"/>.</summary>
    public static double MeanNearestDistance(IReadOnlyList<(double X, double Y)> targets, IReadOnlyList<(double X, double Y)> candidates)
    {
        if (targets.Count == 0 || candidates.Count == 0)
        {
            return double.NaN;
        }

        return targets.Average(t => candidates.Min(c => Math.Sqrt(((t.X - c.X) * (t.X - c.X)) + ((t.Y - c.Y) * (t.Y - c.Y)))));
    }
}
