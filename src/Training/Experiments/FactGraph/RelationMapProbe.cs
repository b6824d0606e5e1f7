using FactSet = Trainer.Data.Facts.FactGraph;
using Trainer.Data.Randomness;
using Trainer.Torch;
using Trainer.Training.Probes;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.FactGraph;

/// <summary>Result of <see cref="RelationMapProbe"/> for one relation: nearest-neighbour accuracy of the fitted map on held-out facts.</summary>
/// <param name="Relation">Relation id r.</param>
/// <param name="FitFacts">Facts the map was fitted on.</param>
/// <param name="HeldOutFacts">Facts it was scored on.</param>
/// <param name="Accuracy">Share of held-out facts whose nearest entity to e_h M_r is e_t.</param>
/// <param name="Chance">1 / E.</param>
public sealed record RelationMapResult(int Relation, int FitFacts, int HeldOutFacts, double Accuracy, double Chance);

/// <summary>
/// The relation as a map in embedding space: for relation r, fit M_r = argmin_M ||H M - T||_F^2 = pinv(H) T by least
/// squares on a random share of r's facts (H, T: the head and tail embedding rows, (n_fit, D)), then predict each
/// held-out fact's tail as the entity nearest (Euclidean) to e_h M_r among all E entities. A geometric store, where a
/// relation moves entities consistently, predicts unseen tails well above chance 1/E; a lookup table with i.i.d.
/// embeddings cannot (for n_fit &gt; D the map is overdetermined and carries nothing to held-out heads).
/// </summary>
public static class RelationMapProbe
{
    /// <summary>
    /// Runs the probe for every relation; <paramref name="heldOut"/> is the share of each relation's facts held out,
    /// of which at most <paramref name="maxScored"/> are scored (0 = all).
    /// </summary>
    public static RelationMapResult[] Run(EmbeddingMatrix e, FactSet g, double heldOut, ulong seed, int maxScored = 0) =>
        Enumerable.Range(0, g.RelationCount).Select(r => Run(e, g, r, heldOut, seed, maxScored)).ToArray();

    /// <summary>Runs the probe for relation <paramref name="relation"/>.</summary>
    public static RelationMapResult Run(EmbeddingMatrix e, FactSet g, int relation, double heldOut, ulong seed, int maxScored = 0)
    {
        int[] facts = Enumerable.Range(0, g.FactCount).Where(i => g.Relations[i] == relation).ToArray();
        int[] order = Sampling.Permutation(Rng.ForStream(seed, (ulong)relation), facts.Length);
        int test = Math.Clamp((int)Math.Round(heldOut * facts.Length), facts.Length > 1 ? 1 : 0, Math.Max(0, facts.Length - 1));
        int[] testFacts = order.Take(maxScored > 0 ? Math.Min(test, maxScored) : test).Select(j => facts[j]).ToArray();
        int[] fitFacts = order.Skip(test).Select(j => facts[j]).ToArray();
        if (testFacts.Length == 0 || fitFacts.Length == 0)
        {
            return new RelationMapResult(relation, fitFacts.Length, testFacts.Length, double.NaN, 1.0 / e.Rows);
        }

        int[] nearest = NearestToMapped(e, fitFacts.Select(i => g.Heads[i]).ToArray(), fitFacts.Select(i => g.Tails[i]).ToArray(), testFacts.Select(i => g.Heads[i]).ToArray());
        int hits = testFacts.Where((f, j) => nearest[j] == g.Tails[f]).Count();
        return new RelationMapResult(relation, fitFacts.Length, testFacts.Length, (double)hits / testFacts.Length, 1.0 / e.Rows);
    }

    // H (n_fit, D), T (n_fit, D), Q (m, D): P = Q pinv(H) T, (m, D); for each row of P the entity u minimising
    // ||e_u - p||^2 = ||e_u||^2 - 2 e_u . p + const, over all E entities, in chunks of rows so (chunk, E) stays small.
    private static int[] NearestToMapped(EmbeddingMatrix e, int[] heads, int[] tails, int[] queries)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor Rows(int[] ids) => tensor(ids.SelectMany(u => e.Row(u).ToArray()).ToArray(), new long[] { ids.Length, e.Cols }, ScalarType.Float64);
        Tensor all = e.ToTensor(); // (E, D)
        Tensor norms = all.mul(all).sum(1); // (E)
        Tensor p = Rows(queries).matmul(linalg.pinv(Rows(heads)).matmul(Rows(tails))); // (m, D)
        var result = new int[queries.Length];
        const int chunk = 512;
        for (int start = 0; start < queries.Length; start += chunk)
        {
            int count = Math.Min(chunk, queries.Length - start);
            Tensor d = norms.unsqueeze(0).sub(p.narrow(0, start, count).matmul(all.t()).mul(2)); // (count, E)
            long[] best = d.argmin(1).contiguous().data<long>();
            for (int j = 0; j < count; j++)
            {
                result[start + j] = (int)best[j];
            }
        }

        return result;
    }
}
