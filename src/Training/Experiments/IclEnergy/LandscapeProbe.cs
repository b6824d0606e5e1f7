using Trainer.Data.Randomness;
using Trainer.Models.EnergyTransformer;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Experiments.IclEnergy;

/// <summary>
/// Held-out in-context mixtures for the landscape measurements: points (C, T, d), component labels (C, T) and
/// means (C, K, d), row-major as <see cref="Trainer.Data.Patterns.InContextDatasets.GaussianMixture"/> returns them.
/// </summary>
public sealed record HeldOutMixtures(int Count, int Points, int Components, float[] Data, int[] Labels, float[] Means)
{
    /// <summary>Point t of context c.</summary>
    public (double X, double Y) Point(int c, int t) => (Data[((c * Points) + t) * 2], Data[(((c * Points) + t) * 2) + 1]);

    /// <summary>Mean k of context c.</summary>
    public (double X, double Y) Mean(int c, int k) => (Means[((c * Components) + k) * 2], Means[(((c * Components) + k) * 2) + 1]);

    /// <summary>The means of the components with a point among the first <paramref name="size"/> of context c.</summary>
    public IReadOnlyList<(double X, double Y)> SeenMeans(int c, int size) => SeenComponents(c, size).Select(k => Mean(c, k)).ToList();

    /// <summary>The components (ascending) with a point among the first <paramref name="size"/> of context c.</summary>
    public IReadOnlyList<int> SeenComponents(int c, int size) =>
        Enumerable.Range(0, Math.Min(size, Points)).Select(t => Labels[(c * Points) + t]).Distinct().Order().ToList();

    /// <summary>All K means of context c.</summary>
    public IReadOnlyList<(double X, double Y)> AllMeans(int c) => Enumerable.Range(0, Components).Select(k => Mean(c, k)).ToList();
}

/// <summary>
/// The landscape statistics after the first n context points, averaged over the held-out contexts.
/// "Seen" centres are the means of the components with at least one point among the n (all K when n = 0).
/// </summary>
/// <param name="ContextSize">n, the number of in-context points read.</param>
/// <param name="SeenClusters">Mean number of components seen.</param>
/// <param name="EnergySeenCentres">Mean E at the seen centres.</param>
/// <param name="EnergyAllCentres">Mean E at all K centres.</param>
/// <param name="EnergyFar">Mean E at uniform points at least far_distance from every centre.</param>
/// <param name="EnergyRandom">Mean E at uniform points of the box.</param>
/// <param name="CentrePercentile">Share of the uniform points whose energy is below a seen centre's (0: the centres are the lowest).</param>
/// <param name="NearestMinimum">Mean distance from a seen centre to the nearest of the K deepest grid minima.</param>
/// <param name="ChanceDistance">The same distance to K uniform points of the box (what no adaptation gives).</param>
/// <param name="SampleDistance">Mean distance from a Langevin sample of E(. | context) to the nearest seen centre.</param>
/// <param name="UniformDistance">The same for the uniform points (the samples' starting distribution).</param>
/// <param name="SamplesNear">Share of the Langevin samples within near_distance of a seen centre.</param>
/// <param name="UniformNear">Share of the uniform points within near_distance of a seen centre.</param>
public sealed record LandscapeRow(int ContextSize, double SeenClusters, double EnergySeenCentres, double EnergyAllCentres,
    double EnergyFar, double EnergyRandom, double CentrePercentile, double NearestMinimum, double ChanceDistance,
    double SampleDistance, double UniformDistance, double SamplesNear, double UniformNear);

/// <summary>Langevin sampling of the probe: chains per context, steps, noise scale s and gradient clamp (as in training).</summary>
public sealed record SamplerSettings(int Chains, int Steps, double Noise, double Clip);

/// <summary>
/// Evaluates the energy E(q | x_1..x_n) of a trained <see cref="EnergyTransformerModel"/> on grids and probe points for
/// many held-out contexts at once (<see cref="EnergyTransformerModel.EnergyAfter"/> batched over contexts).
/// </summary>
public sealed class LandscapeProbe(EnergyTransformerModel model, HeldOutMixtures data, int gridSize, double halfWidth)
{
    private const int Chunk = 64;

    /// <summary>The landscape of every held-out context after its first <paramref name="size"/> points.</summary>
    public IReadOnlyList<Landscape> Landscapes(int size)
    {
        int n = gridSize;
        var grid = new float[n * n * 2];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                grid[((i * n) + j) * 2] = (float)Coord(j);
                grid[(((i * n) + j) * 2) + 1] = (float)Coord(i);
            }
        }

        float[] energies = Energies(size, Repeat(grid, data.Count), n * n);
        var result = new List<Landscape>(data.Count);
        for (int c = 0; c < data.Count; c++)
        {
            var e = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    e[i, j] = energies[(c * n * n) + (i * n) + j];
                }
            }

            var context = Enumerable.Range(0, Math.Min(size, data.Points)).Select(t => data.Point(c, t)).ToList();
            result.Add(new Landscape(e, halfWidth, context, data.AllMeans(c), data.SeenMeans(c, size)));
        }

        return result;
    }

    /// <summary>The statistics after the first <paramref name="size"/> points (see <see cref="LandscapeRow"/>).</summary>
    /// <param name="size">n, the context points read.</param>
    /// <param name="landscapes">The landscapes after n points, one per held-out context (<see cref="Landscapes"/>).</param>
    /// <param name="randomPoints">Uniform (and far) probe points per context.</param>
    /// <param name="farDistance">Far points are at least this far from every centre.</param>
    /// <param name="nearDistance">"Near a centre" means within this distance.</param>
    /// <param name="samples">Langevin samples (C, chains, 2) flat from <see cref="Sample"/> after the same n points.</param>
    /// <param name="seed">Seed of the probe points (the same for every n, so rows compare like with like).</param>
    public LandscapeRow Row(int size, IReadOnlyList<Landscape> landscapes, int randomPoints, double farDistance, double nearDistance, float[] samples, ulong seed)
    {
        int k = data.Components;
        var rng = Rng.ForPurpose(seed, "landscape-probes");
        var centres = new float[data.Count * k * 2];
        var uniform = new float[data.Count * randomPoints * 2];
        var far = new float[data.Count * randomPoints * 2];
        for (int c = 0; c < data.Count; c++)
        {
            IReadOnlyList<(double X, double Y)> all = data.AllMeans(c);
            for (int m = 0; m < k; m++)
            {
                centres[((c * k) + m) * 2] = (float)all[m].X;
                centres[(((c * k) + m) * 2) + 1] = (float)all[m].Y;
            }

            for (int r = 0; r < randomPoints; r++)
            {
                var u = Uniform(rng);
                uniform[((c * randomPoints) + r) * 2] = (float)u.X;
                uniform[(((c * randomPoints) + r) * 2) + 1] = (float)u.Y;
                var f = Far(rng, all, farDistance);
                far[((c * randomPoints) + r) * 2] = (float)f.X;
                far[(((c * randomPoints) + r) * 2) + 1] = (float)f.Y;
            }
        }

        float[] eCentres = Energies(size, centres, k);
        float[] eUniform = Energies(size, uniform, randomPoints);
        float[] eFar = Energies(size, far, randomPoints);
        double seen = 0, eSeen = 0, pct = 0, nearest = 0, chance = 0, sampleDist = 0, uniformDist = 0, sampleNear = 0, uniformNear = 0;
        int chains = samples.Length / (2 * data.Count);
        for (int c = 0; c < data.Count; c++)
        {
            IReadOnlyList<int> seenIdx = size == 0 ? Enumerable.Range(0, k).ToList() : data.SeenComponents(c, size);
            var seenMeans = seenIdx.Select(i => data.Mean(c, i)).ToList();
            seen += size == 0 ? 0 : seenIdx.Count;
            var uniformHere = eUniform.AsSpan(c * randomPoints, randomPoints).ToArray();
            eSeen += seenIdx.Average(i => (double)eCentres[(c * k) + i]);
            pct += seenIdx.Average(i => uniformHere.Count(v => v < eCentres[(c * k) + i]) / (double)randomPoints);
            var minima = landscapes[c].DeepestMinima(k).Select(m => (m.X, m.Y)).ToList();
            nearest += Landscape.MeanNearestDistance(seenMeans, minima);
            chance += ChanceDistance(rng, seenMeans, k);
            var (sd, sn) = NearCentres(samples.AsSpan(c * chains * 2, chains * 2), seenMeans, nearDistance);
            var (ud, un) = NearCentres(uniform.AsSpan(c * randomPoints * 2, randomPoints * 2), seenMeans, nearDistance);
            sampleDist += sd;
            sampleNear += sn;
            uniformDist += ud;
            uniformNear += un;
        }

        double n = data.Count;
        return new LandscapeRow(size, seen / n, eSeen / n, eCentres.Average(v => (double)v), eFar.Average(v => (double)v),
            eUniform.Average(v => (double)v), pct / n, nearest / n, chance / n, sampleDist / n, uniformDist / n, sampleNear / n, uniformNear / n);
    }

    /// <summary>
    /// Langevin chains on E(q | first n points), started uniformly in the box: each step
    /// q &lt;- q + s N(0, I); g = clamp(grad_q E(q | x_1..x_n), -clip, clip); q &lt;- q - (s / 2) g, the training sampler
    /// with every chain after the whole context. The starts and the noise come from <paramref name="seed"/> (not the
    /// global generator). Returns the final points (C, chains, 2) flat.
    /// </summary>
    public float[] Sample(int size, SamplerSettings settings, ulong seed)
    {
        int c = data.Count, m = settings.Chains, n = Math.Min(size, data.Points);
        var rng = Rng.ForPurpose(seed, "langevin-probe");
        var starts = new float[c * m * 2];
        for (int i = 0; i < starts.Length; i++)
        {
            starts[i] = (float)((2 * rng.NextDouble() - 1) * halfWidth);
        }

        using var grad = enable_grad();
        using DisposeScope outer = NewDisposeScope();
        Tensor context = tensor(data.Data, new long[] { c, data.Points, 2 }).narrow(1, 0, n); // (C, n, 2)
        Tensor q = tensor(starts, new long[] { c, m, 2 }); // (C, m, 2)
        var noise = new float[starts.Length];
        for (int step = 0; step < settings.Steps; step++)
        {
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] = (float)rng.NextNormal();
            }

            using DisposeScope scope = NewDisposeScope();
            Tensor noisy = (q + tensor(noise, new long[] { c, m, 2 }) * settings.Noise).detach().requires_grad_();
            Tensor e = model.EnergyAfter(context, noisy); // (C, m)
            Tensor g = autograd.grad(e.sum(), noisy).clamp(-settings.Clip, settings.Clip);
            q = scope.MoveToOuter((noisy - g * (settings.Noise / 2)).detach());
        }

        return q.contiguous().data<float>();
    }

    /// <summary>(mean distance to the nearest centre, share within <paramref name="near"/>) of points (P, 2) flat.</summary>
    private static (double Distance, double Near) NearCentres(ReadOnlySpan<float> points, IReadOnlyList<(double X, double Y)> centres, double near)
    {
        int p = points.Length / 2;
        double sum = 0, within = 0;
        for (int i = 0; i < p; i++)
        {
            double x = points[2 * i], y = points[(2 * i) + 1];
            double d = centres.Min(c => Math.Sqrt(((x - c.X) * (x - c.X)) + ((y - c.Y) * (y - c.Y))));
            sum += d;
            within += d <= near ? 1 : 0;
        }

        return (sum / p, within / p);
    }

    private double Coord(int k) => -halfWidth + (2 * halfWidth * k / (gridSize - 1));

    private (double X, double Y) Uniform(Rng rng) => ((2 * rng.NextDouble() - 1) * halfWidth, (2 * rng.NextDouble() - 1) * halfWidth);

    private (double X, double Y) Far(Rng rng, IReadOnlyList<(double X, double Y)> centres, double distance)
    {
        for (int attempt = 0; attempt < 10_000; attempt++)
        {
            var p = Uniform(rng);
            if (centres.All(c => ((p.X - c.X) * (p.X - c.X)) + ((p.Y - c.Y) * (p.Y - c.Y)) >= distance * distance))
            {
                return p;
            }
        }

        throw new InvalidOperationException($"no point of the box [-{halfWidth}, {halfWidth}]^2 is {distance} away from every centre; lower far_distance");
    }

    /// <summary>Mean over 64 draws of the distance from the targets to the nearest of k uniform points.</summary>
    private double ChanceDistance(Rng rng, IReadOnlyList<(double X, double Y)> targets, int k)
    {
        double sum = 0;
        const int draws = 64;
        for (int d = 0; d < draws; d++)
        {
            var points = Enumerable.Range(0, k).Select(_ => Uniform(rng)).ToList();
            sum += Landscape.MeanNearestDistance(targets, points);
        }

        return sum / draws;
    }

    /// <summary>E(q | first n points) for queries (C, G, 2) given flat; returns (C, G) flat, without gradients.</summary>
    private float[] Energies(int size, float[] queries, int perContext)
    {
        int c = data.Count;
        int n = Math.Min(size, data.Points);
        using var noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        Tensor all = tensor(data.Data, new long[] { c, data.Points, 2 });
        Tensor context = all.narrow(1, 0, n); // (C, n, 2)
        Tensor q = tensor(queries, new long[] { c, perContext, 2 });
        var parts = new List<Tensor>();
        for (int start = 0; start < perContext; start += Chunk)
        {
            int len = Math.Min(Chunk, perContext - start);
            parts.Add(model.EnergyAfter(context, q.narrow(1, start, len))); // (C, len)
        }

        return cat(parts, 1).contiguous().data<float>(); // (C, G)
    }

    private static float[] Repeat(float[] block, int times)
    {
        var result = new float[block.Length * times];
        for (int i = 0; i < times; i++)
        {
            block.CopyTo(result, i * block.Length);
        }

        return result;
    }
}
