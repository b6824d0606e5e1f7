namespace Trainer.Training.Reports;

/// <summary>The prose both report formats share: what each number means.</summary>
public static class ReportText
{
    public const string Title = "Associative or geometric memory? Probe report";

    /// <summary>(term, definition) pairs in table order.</summary>
    public static IReadOnlyList<(string Term, string Definition)> Definitions { get; } =
    [
        ("top-k recovery", "share of directed edges (u, v) with v among the model's k best node answers to [EDGE] u (pure embeddings: k largest e_u . e_w, w != u); k = 5."),
        ("top-1 acc", "share of nodes whose single best answer is a neighbour."),
        ("edge cos", "mean cos(e_u, e_v) over directed edges (the geometric level)."),
        ("cos gap", "edge cos minus the mean cosine of random node pairs; control = the same for i.i.d. Gaussian embeddings of the run's shape (mean ± sd over draws)."),
        ("smooth25 / rough25", "share of the embedding energy ||E^T v_i||^2 on the m = floor((n-1)/4) smoothest / roughest eigenvectors of R_s = R + R^T, R = (A - D) row-normalised, first eigenvector dropped; isotropic chance m/(n-1)."),
        ("Spearman", "rank correlation between ||e_u - e_w|| and the shortest-path distance over node pairs."),
        ("kNN recovery", "share of edges (u, v) with v among the deg(u) nearest nodes of u in embedding space."),
        ("arm navigation", "path-star only: share of leaves whose nearest arm centroid / nearest node lies on their own arm (chance 1/arms)."),
        ("margin W / W'", "E W E^T models only: mean over nodes of best-neighbour score minus best non-neighbour score, for W and for W' = V diag(diag(V^T W V)) V^T (E = U S V^T)."),
        ("verdict", "geometric / associative / mixed by the rule below; zig-zag marks energy piled on the roughest eigenvectors."),
    ];
}
