namespace Trainer.Data.Tasks;

/// <summary>
/// Examples encoded for next-token training: Inputs and Targets, both shape (Count, Length) row-major int32.
/// For an example with prompt p (length P) and target t (length T), the sequence s = p ++ t gives
/// Inputs[i] = s[i] for i &lt; P + T - 1 and Targets[i] = s[i + 1] where s[i + 1] is a target token, -1 elsewhere
/// (the loss ignores -1). Rows are padded to Length with the pad token in Inputs and -1 in Targets.
/// </summary>
/// <remarks>
/// Example (path-star vocabulary, n = 17, [EDGE] = 24, [PAD] = 23), the edge example <c>[EDGE] 12 -&gt; 7</c>
/// padded to Length 4: Inputs = [24, 12, 23, 23], Targets = [-1, 7, -1, -1].
/// The path example <c>[PATH] 4 [PAUSE] -&gt; 0 9 3 4</c>: Inputs = [25, 4, 18, 0, 9, 3],
/// Targets = [-1, -1, 0, 9, 3, 4]. Teacherless variant: the inputs after the prompt become <c>$</c> (20):
/// Inputs = [25, 4, 18, 20, 20, 20].
/// </remarks>
/// <param name="Count">Number of examples (rows).</param>
/// <param name="Length">Tokens per row.</param>
/// <param name="Inputs">Input token ids, (Count, Length).</param>
/// <param name="Targets">Next-token targets, -1 where ignored, (Count, Length).</param>
public sealed record SequenceArrays(int Count, int Length, int[] Inputs, int[] Targets)
{
    /// <summary>
    /// Encodes examples. <paramref name="length"/> 0 means the longest example's length minus one.
    /// <paramref name="teacherlessToken"/>, when set, replaces every input token after the prompt.
    /// </summary>
    public static SequenceArrays Encode(IReadOnlyList<TokenExample> examples, int padToken, int length = 0, int? teacherlessToken = null)
    {
        int needed = 0;
        foreach (var e in examples)
        {
            needed = Math.Max(needed, e.Length - 1);
        }
        if (length == 0)
        {
            length = needed;
        }
        else if (length < needed)
        {
            throw new ArgumentException($"pad length {length} is shorter than the longest example ({needed} input tokens)", nameof(length));
        }
        var inputs = new int[examples.Count * length];
        var targets = new int[examples.Count * length];
        Array.Fill(inputs, padToken);
        Array.Fill(targets, -1);
        for (int row = 0; row < examples.Count; row++)
        {
            var e = examples[row];
            if (e.Prompt.Length == 0 || e.Target.Length == 0)
            {
                throw new ArgumentException($"example {row} needs a non-empty prompt and target", nameof(examples));
            }
            int[] s = e.Sequence();
            int rowStart = row * length;
            for (int i = 0; i < s.Length - 1; i++)
            {
                bool afterPrompt = i >= e.Prompt.Length;
                inputs[rowStart + i] = afterPrompt && teacherlessToken is int t ? t : s[i];
                if (i + 1 >= e.Prompt.Length)
                {
                    targets[rowStart + i] = s[i + 1];
                }
            }
        }
        return new SequenceArrays(examples.Count, length, inputs, targets);
    }
}
