namespace Trainer.Models.OuterProduct;

/// <summary>
/// Hyper-parameters of <see cref="LearnedMemory"/> (JSON keys: <c>inputs</c>, <c>classes</c>, <c>dim</c>, <c>model</c>,
/// <c>layer_norm</c>). Defaults: the authors' grid point N = 100, M = 5, d = 10, model "matrix", no LN.
/// </summary>
public sealed record LearnedMemoryConfig
{
    /// <summary>Input tokens N.</summary>
    public int Inputs { get; init; } = 100;

    /// <summary>Classes M.</summary>
    public int Classes { get; init; } = 5;

    /// <summary>Memory size d.</summary>
    public int Dim { get; init; } = 10;

    /// <summary>
    /// "matrix": learn W, E and U fixed; "exponential": learn E and U with a ReLU instead of W; "learnable": learn
    /// E, W and U (the authors' AssMem, AssMemExp, AssMemLearnable).
    /// </summary>
    public string Model { get; init; } = "matrix";

    /// <summary>The allowed values of <see cref="Model"/>.</summary>
    public static IReadOnlyList<string> Models { get; } = ["matrix", "exponential", "learnable"];

    /// <summary>Row L2 normalisation h / sqrt(|h|^2 + 1e-6) before the unembedding (the authors' "LN").</summary>
    public bool LayerNorm { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending key.</summary>
    public void Validate()
    {
        if (Inputs < 1 || Classes < 1 || Dim < 1)
        {
            throw new ArgumentException($"inputs, classes and dim must be >= 1; got inputs {Inputs}, classes {Classes}, dim {Dim}");
        }

        if (!Models.Contains(Model))
        {
            throw new ArgumentException($"model must be one of {string.Join(", ", Models)}; got '{Model}'");
        }
    }
}
