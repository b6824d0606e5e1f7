using Trainer.Data.Randomness;

namespace Trainer.Models.Node2Vec;

/// <summary>
/// Community recovery from node embeddings: k-means (k-means++ seeding, Lloyd iterations, best of several restarts by
/// inertia) on the rows, optionally normalised to unit length, scored against true labels by the adjusted Rand index
/// (Hubert and Arabie 1985): ARI = (sum_ij C(n_ij, 2) - E) / (max - E) with E = sum_i C(a_i, 2) sum_j C(b_j, 2) / C(n, 2)
/// and max = (sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2; 1 for identical partitions, about 0 for random ones.
/// </summary>
public static class CommunityRecovery
{
    /// <summary>ARI of k-means clusters of the (n, d) embeddings against <paramref name="labels"/> (k = number of labels).</summary>
    public static double Ari(float[] embeddings, int dim, int[] labels, ulong seed, bool normalise = true, int restarts = 5)
    {
        int k = labels.Max() + 1;
        int[] clusters = KMeans(embeddings, dim, k, seed, normalise, restarts);
        return AdjustedRandIndex(labels, clusters);
    }

    /// <summary>Cluster of each row: k-means++ then Lloyd until no change (at most 100 rounds), best of the restarts.</summary>
    public static int[] KMeans(float[] embeddings, int dim, int k, ulong seed, bool normalise = true, int restarts = 5)
    {
        int n = embeddings.Length / dim;
        double[][] x = Rows(embeddings, dim, normalise);
        int[]? best = null;
        double bestInertia = double.PositiveInfinity;
        for (int r = 0; r < restarts; r++)
        {
            var rng = Rng.ForStream(Rng.DeriveSeed(seed, "kmeans"), (ulong)r);
            double[][] centres = PlusPlus(x, k, rng);
            var assign = new int[n];
            double inertia = 0;
            for (int round = 0; round < 100; round++)
            {
                (bool changed, inertia) = Assign(x, centres, assign, round == 0);
                if (!changed && round > 0)
                {
                    break;
                }

                Update(x, centres, assign, rng);
            }

            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                best = (int[])assign.Clone();
            }
        }

        return best!;
    }

    /// <summary>Adjusted Rand index of two labelings of the same items.</summary>
    public static double AdjustedRandIndex(int[] a, int[] b)
    {
        if (a.Length != b.Length || a.Length < 2)
        {
            throw new ArgumentException("the ARI needs two labelings of the same >= 2 items");
        }

        int ka = a.Max() + 1, kb = b.Max() + 1;
        var table = new long[ka, kb];
        var rowSums = new long[ka];
        var colSums = new long[kb];
        for (int i = 0; i < a.Length; i++)
        {
            table[a[i], b[i]]++;
            rowSums[a[i]]++;
            colSums[b[i]]++;
        }

        double index = 0;
        foreach (long c in table)
        {
            index += Pairs(c);
        }

        double sa = rowSums.Sum(Pairs), sb = colSums.Sum(Pairs);
        double expected = sa * sb / Pairs(a.Length);
        double max = (sa + sb) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    private static double Pairs(long c) => c * (c - 1) / 2.0;

    private static double[][] Rows(float[] e, int dim, bool normalise)
    {
        var x = new double[e.Length / dim][];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = new double[dim];
            double norm = 0;
            for (int k = 0; k < dim; k++)
            {
                x[i][k] = e[i * dim + k];
                norm += x[i][k] * x[i][k];
            }

            if (normalise && norm > 0)
            {
                norm = Math.Sqrt(norm);
                for (int k = 0; k < dim; k++)
                {
                    x[i][k] /= norm;
                }
            }
        }

        return x;
    }

    private static double[][] PlusPlus(double[][] x, int k, Rng rng)
    {
        var centres = new double[k][];
        centres[0] = (double[])x[rng.NextInt(x.Length)].Clone();
        var d2 = x.Select(r => Distance2(r, centres[0])).ToArray();
        for (int c = 1; c < k; c++)
        {
            double total = d2.Sum();
            int pick = 0;
            if (total > 0)
            {
                double u = rng.NextDouble() * total;
                while (pick < x.Length - 1 && (u -= d2[pick]) > 0)
                {
                    pick++;
                }
            }
            else
            {
                pick = rng.NextInt(x.Length);
            }

            centres[c] = (double[])x[pick].Clone();
            for (int i = 0; i < x.Length; i++)
            {
                d2[i] = Math.Min(d2[i], Distance2(x[i], centres[c]));
            }
        }

        return centres;
    }

    private static (bool Changed, double Inertia) Assign(double[][] x, double[][] centres, int[] assign, bool first)
    {
        bool changed = first;
        double inertia = 0;
        for (int i = 0; i < x.Length; i++)
        {
            int best = 0;
            double bestD = double.PositiveInfinity;
            for (int c = 0; c < centres.Length; c++)
            {
                double dd = Distance2(x[i], centres[c]);
                if (dd < bestD)
                {
                    bestD = dd;
                    best = c;
                }
            }

            changed |= assign[i] != best;
            assign[i] = best;
            inertia += bestD;
        }

        return (changed, inertia);
    }

    // Centres become cluster means; an empty cluster restarts at a random row.
    private static void Update(double[][] x, double[][] centres, int[] assign, Rng rng)
    {
        int dim = x[0].Length;
        var counts = new int[centres.Length];
        foreach (double[] c in centres)
        {
            Array.Clear(c);
        }

        for (int i = 0; i < x.Length; i++)
        {
            counts[assign[i]]++;
            for (int k = 0; k < dim; k++)
            {
                centres[assign[i]][k] += x[i][k];
            }
        }

        for (int c = 0; c < centres.Length; c++)
        {
            if (counts[c] == 0)
            {
                centres[c] = (double[])x[rng.NextInt(x.Length)].Clone();
                continue;
            }

            for (int k = 0; k < dim; k++)
            {
                centres[c][k] /= counts[c];
            }
        }
    }

    private static double Distance2(double[] a, double[] b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double t = a[k] - b[k];
            s += t * t;
        }

        return s;
    }
}
