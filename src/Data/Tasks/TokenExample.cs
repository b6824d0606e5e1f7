namespace Trainer.Data.Tasks;

/// <summary>
/// One training example: a prompt the model reads and the target tokens it must produce after it. The text
/// form is the prompt, then <c>-&gt;</c>, then the target (see <see cref="TokenText"/>), e.g. <c>[EDGE] 12 -&gt; 7</c>.
/// </summary>
/// <param name="Prompt">Tokens the model is given (no loss on them).</param>
/// <param name="Target">Tokens the model must predict, one after another.</param>
public sealed record TokenExample(int[] Prompt, int[] Target)
{
    /// <summary>Prompt and target as one sequence.</summary>
    public int[] Sequence() => [.. Prompt, .. Target];

    /// <summary>Tokens in the whole sequence.</summary>
    public int Length => Prompt.Length + Target.Length;
}
