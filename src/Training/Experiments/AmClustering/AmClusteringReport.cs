using System.Globalization;

namespace Trainer.Training.Experiments.AmClustering;

/// <summary>Everything the report needs from a run of <see cref="AmClusteringExperiment"/>.</summary>
public sealed record AmClusteringRun(
    AmClusteringConfig Config,
    IReadOnlyList<ClusteringDataset> Data,
    IReadOnlyList<MethodResult> Ours,
    SklearnSideBySide.Outcome Sklearn,
    IReadOnlyList<CrpTrace> Traces,
    ClusteringDataset? ScatterData,
    IReadOnlyList<Assignment> ScatterAssignments,
    double Seconds,
    bool Stopped);

/// <summary>The report of <see cref="AmClusteringExperiment"/>: summary and per-data-set tables, scatter plots, curves.</summary>
public static class AmClusteringReport
{
    /// <summary>Well separated: Gaussian centres at least this many std apart, or vMF kappa at least this.</summary>
    public const double SeparatedGaussian = 6, SeparatedKappa = 100;

    public static ExperimentReport Build(AmClusteringRun run)
    {
        var all = run.Ours.Concat(run.Sklearn.Results).ToList();
        var report = new ExperimentReport("Clustering associative memories: CLAM, CLAM+ELBO and CLAM+CRP+ELBO");
        report.Paragraph("Claim (Schaeffer et al. 2024, arXiv 2402.10202, contribution 2): reading an associative memory as a probabilistic " +
            "model gives two new memories: CLAM+ELBO, whose memories are the components of a Gaussian mixture so that each point is assigned " +
            "in proportion to its posterior responsibility (evidence lower bound), and CLAM+CRP+ELBO, which creates and retires memories under " +
            "a Chinese restaurant process prior, so the number of memories is learned. The paper gives no code or numbers; this experiment " +
            "checks that all three recover synthetic clusters as well as the standard tools and that the CRP variant learns K.");
        report.Paragraph(Method(run.Config));
        report.Paragraph(run.Sklearn.WhyNot is null
            ? $"Side by side: scikit-learn {run.Sklearn.Version} (bench/python/clustering_sklearn.py) on the same points, written by this run to " +
              "sklearn_input.json: KMeans (told K, n_init 10), GaussianMixture (told K, spherical covariances, one variance per component), " +
              $"BayesianGaussianMixture (Dirichlet-process prior with concentration {Num(run.Config.Crp.Alpha)}, up to " +
              $"{run.Config.Sklearn.BgmmMaxComponents} components, not told K). Its ARI/NMI are sklearn's own functions; ours are ours (tested equal)."
            : $"scikit-learn was not run: {run.Sklearn.WhyNot}. The tables show our three models alone.");
        if (run.Stopped)
        {
            report.Paragraph($"Stopped early: {run.Ours.Count / 3} of {run.Data.Count} data sets were clustered.");
        }

        report.Heading("Verdict");
        report.Paragraph(Verdict(all));
        report.Heading("Summary");
        report.Table("Mean over data sets, per family and method ('K exact': memories owning a point = true K)",
            ["family", "method", "told K", "data sets", "ARI", "NMI", "K exact", "mean |memories - K|", "ELBO (nats/point)", "seconds"],
            Summary(all));
        report.Table($"Well-separated data sets only (Gaussian separation >= {SeparatedGaussian} std, vMF kappa >= {SeparatedKappa})",
            ["family", "method", "told K", "data sets", "ARI", "NMI", "K exact", "mean |memories - K|", "ELBO (nats/point)", "seconds"],
            Summary(all.Where(Separated).ToList()));
        AddFigures(report, run, all);
        report.Heading("CRP seating");
        report.Table("CLAM+CRP+ELBO per data set: memories after each sweep (and after each split/merge stage), after the ELBO refinement, retired by it, and beta (learned; given)",
            ["data set", "true K", "memories per sweep", "after sweeps", "after refinement", "retired", "beta (learned)", "beta (data)"],
            run.Traces.Select(t => (IReadOnlyList<object?>)[t.Data.Name, t.Data.K, string.Join(" ", t.MemoriesPerSweep), t.AfterSweeps,
                t.AfterRefinement, t.Retired, t.Beta, t.Data.Beta]));
        report.Heading("All measurements");
        report.Table("Every method on every data set (ELBO: mean log-likelihood per point of the fitted mixture; CLAM: of its memories' KDE)",
            ["data set", "family", "d", "K", "separation / kappa", "seed", "method", "ARI", "NMI", "memories", "ELBO", "seconds"],
            all.OrderBy(r => r.Data.Family).ThenBy(r => r.Data.Dim).ThenBy(r => r.Data.K).ThenBy(r => r.Data.Parameter).ThenBy(r => r.Data.Seed)
                .ThenBy(r => AmClusteringFigures.MethodOrder(r.Method))
                .Select(r => (IReadOnlyList<object?>)[r.Data.Name, r.Data.Family, r.Data.Dim, r.Data.K, r.Data.Parameter, r.Data.Seed, r.Method,
                    r.Ari, r.Nmi, r.Memories, r.Elbo, r.Seconds]));
        report.Paragraph(FormattableString.Invariant($"Total time {run.Seconds:F1} s for {run.Data.Count} data sets."));
        return report;
    }

    private static void AddFigures(ExperimentReport report, AmClusteringRun run, List<MethodResult> all)
    {
        report.Heading("Figures");
        if (run.ScatterData is { } ds)
        {
            string where = FormattableString.Invariant($"{ds.Name} (K = {ds.K}, centres >= {ds.Parameter} std apart)");
            report.Figure($"{where}: the true components, true centres marked", AmClusteringFigures.Scatter(ds, "true components", ds.Labels, ds.Centres, "centre"));
            foreach (Assignment a in run.ScatterAssignments)
            {
                MethodResult r = run.Ours.First(o => o.Data == ds && o.Method == a.Method);
                report.Figure(FormattableString.Invariant($"{where}: {a.Method} hard assignment, its memories marked (ARI {r.Ari:F3}, {r.Memories} memories)"),
                    AmClusteringFigures.Scatter(ds, a.Method, a.Labels, a.Memories, "memory"));
            }

            if (run.ScatterAssignments.FirstOrDefault(a => a.Confidence is not null) is { } p)
            {
                report.Figure($"{where}: {p.Method} assigns each point in proportion to its responsibilities r_k(x); colour = max_k r_k(x), " +
                    "dark where a point is shared between memories (between clusters), bright where one memory takes it all",
                    AmClusteringFigures.Confidence(ds, p.Method + " responsibilities", p.Confidence!, p.Memories));
            }
        }

        if (all.Any(r => r.Data.Family == AmClusteringDatasets.Gaussian))
        {
            report.Figure("Gaussian mixtures: mean ARI against the minimum centre separation (in std), over K, d and seeds; sklearn dashed",
                AmClusteringFigures.AriAgainst(all, AmClusteringDatasets.Gaussian, "separation (std)"));
        }

        if (all.Any(r => r.Data.Family == AmClusteringDatasets.Vmf))
        {
            report.Figure("von Mises-Fisher mixtures: mean ARI against the concentration kappa, over K, d and seeds; sklearn dashed",
                AmClusteringFigures.AriAgainst(all, AmClusteringDatasets.Vmf, "kappa"));
        }

        report.Figure("Memories owning at least one point against the true K, averaged over all data sets: the told-K methods sit on or below " +
            "the diagonal by construction; CLAM+CRP+ELBO and BayesianGaussianMixture learn it", AmClusteringFigures.MemoriesAgainstK(all));
    }

    private static string Method(AmClusteringConfig c)
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Create(inv, $"Data: Gaussian mixtures (d in [{string.Join(", ", c.Gaussian.Dims)}], K in [{string.Join(", ", c.Gaussian.Components)}], ") +
            string.Create(inv, $"centres at least [{string.Join(", ", c.Gaussian.Separations)}] std apart, {c.Gaussian.Points} points) and von Mises-Fisher ") +
            string.Create(inv, $"mixtures on the unit sphere (d in [{string.Join(", ", c.Vmf.Dims)}], K in [{string.Join(", ", c.Vmf.Components)}], kappa in ") +
            string.Create(inv, $"[{string.Join(", ", c.Vmf.Kappas)}], {c.Vmf.Points} points), {c.Seeds} seeds each. The memories' bandwidth 1/beta is the ") +
            "data's within-cluster variance per direction: beta = 1/sigma^2 (Gaussian), (d - 1) / (1 - A_d(kappa)^2) for a Gaussian memory on vMF " +
            "data (A_d = I_(d/2) / I_(d/2-1): the mean resultant length; about kappa when kappa >> d), and kappa for CLAM's dot-product form. " +
            string.Create(inv, $"CLAM: K memories from greedy k-means++, T = {c.Clam.Steps} unrolled steps of x <- sum_k softmax_k(-(beta/2)||x - xi_k||^2) xi_k ") +
            string.Create(inv, $"(on the sphere: x <- normalise(sum_k softmax_k(beta x.xi^_k) xi^_k)), Adam on mean ||x - x_T||^2 for {c.Clam.Epochs} epochs, ") +
            string.Create(inv, $"{c.Clam.Restarts} restarts; label = the memory nearest the fixed point the dynamics reach. CLAM+ELBO: K memories as an isotropic ") +
            string.Create(inv, $"Gaussian mixture (weights pi_k, shared learned beta), {c.Elbo.Training} on the ELBO ({c.Elbo.Iterations} iterations, ") +
            string.Create(inv, $"{c.Elbo.Restarts} restarts), proportional assignment r_k(x) = softmax_k(log pi_k - (beta/2)||x - xi_k||^2). CLAM+CRP+ELBO: ") +
            string.Create(inv, $"not told K; {c.Crp.Sampling} seating sweeps under a CRP prior (alpha = {c.Crp.Alpha}) with a conjugate Gaussian prior on the ") +
            "memories (mean and variance of the data)" +
            (c.Crp.SplitMerge ? ", whole memories split (2-means) or merged when the collapsed log posterior rises" : ", no split/merge moves") +
            ", then ELBO refinement by EM retiring memories with fewer than " +
            string.Create(inv, $"{c.Crp.MinCount} expected points. Scores: adjusted Rand index and NMI (arithmetic) of the hard labels against the truth, ") +
            "the number of memories owning at least one point, and the ELBO at its optimal q (= mean log-likelihood per point).";
    }

    private static bool Separated(MethodResult r) =>
        r.Data.Family == AmClusteringDatasets.Gaussian ? r.Data.Parameter >= SeparatedGaussian : r.Data.Parameter >= SeparatedKappa;

    private static IEnumerable<IReadOnlyList<object?>> Summary(List<MethodResult> rows) =>
        rows.GroupBy(r => (r.Data.Family, r.Method))
            .OrderBy(g => g.Key.Family).ThenBy(g => AmClusteringFigures.MethodOrder(g.Key.Method))
            .Select(g => (IReadOnlyList<object?>)[g.Key.Family, g.Key.Method, g.First().ToldK ? "yes" : "no", g.Count(), g.Average(r => r.Ari),
                g.Average(r => r.Nmi), $"{g.Count(r => r.Memories == r.Data.K)}/{g.Count()}", g.Average(r => (double)Math.Abs(r.Memories - r.Data.K)),
                g.Any(r => double.IsNaN(r.Elbo)) ? double.NaN : g.Average(r => r.Elbo), g.Average(r => r.Seconds)]);

    private static string Verdict(List<MethodResult> all)
    {
        var sep = all.Where(Separated).ToList();
        if (sep.Count == 0)
        {
            return "No well-separated data set in this run; see the summary table.";
        }

        string Ari(string m) => sep.Where(r => r.Method == m).Select(r => r.Ari).DefaultIfEmpty(double.NaN).Average().ToString("F3", CultureInfo.InvariantCulture);
        string Exact(string m)
        {
            var g = sep.Where(r => r.Method == m).ToList();
            return $"{g.Count(r => r.Memories == r.Data.K)}/{g.Count}";
        }

        string text = $"On the {sep.Count / Math.Max(1, all.Select(r => r.Method).Distinct().Count())} well-separated data sets the mean ARI is " +
            $"{Ari(AmClusteringRunner.Clam)} (CLAM), {Ari(AmClusteringRunner.Elbo)} (CLAM+ELBO) and {Ari(AmClusteringRunner.Crp)} (CLAM+CRP+ELBO); " +
            $"CLAM+CRP+ELBO, not told K, found exactly the true K on {Exact(AmClusteringRunner.Crp)} of them.";
        if (all.Any(r => r.Method == "KMeans"))
        {
            text += $" sklearn: KMeans {Ari("KMeans")}, GaussianMixture {Ari("GaussianMixture")}, BayesianGaussianMixture {Ari("BayesianGaussianMixture")} " +
                $"(exact K on {Exact("BayesianGaussianMixture")}).";
        }

        return text + " Overlapping mixtures (small separation or kappa) are where the methods differ; see the summary and figures.";
    }

    private static string Num(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
