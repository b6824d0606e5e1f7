using Trainer.Data.Tasks;
using Trainer.Models.Gpt;
using Trainer.Torch;
using static Trainer.Torch.torch;

namespace Trainer.Training.Tasks.InContext;

/// <summary>
/// Scores of greedily decoded paths on held-out in-context path-star graphs.
/// <see cref="PathAcc"/>: the whole path is right; <see cref="DecisionAcc"/>: path token 1 is right (for forward paths
/// the arm chosen at the source); <see cref="PositionAcc"/>[k]: token k is right; <see cref="ValidFirstStep"/>: token 1
/// is a neighbour of the start in the walking direction (a child of the source, or the parent of the goal when
/// reversed); <see cref="ValidPath"/>: the decoded path starts where it should and follows edges of the graph all the
/// way (a legal walk, right arm or not). Teacher forcing's Clever-Hans signature is ValidPath near 1 with PathAcc near
/// 1/degree.
/// </summary>
public sealed record PathStarScores(int Count, double PathAcc, double DecisionAcc, double[] PositionAcc, double ValidFirstStep, double ValidPath);

/// <summary>Greedy decoding of paths with a GPT and their scores against the graphs in the prompts.</summary>
public static class PathStarDecoding
{
    /// <summary>
    /// Decodes L path tokens after each prompt (all prompts of one length P). Teacher-forced models
    /// (<paramref name="teacherlessToken"/> null) generate autoregressively with argmax; teacherless models read the
    /// prompt followed by L - 1 filler tokens, as in training, and the path is the argmax at positions P-1..P+L-2
    /// of that one pass. Returns (N) arrays of L tokens. The module is put in eval mode.
    /// </summary>
    public static int[][] Greedy(GptModel gpt, IReadOnlyList<TokenExample> examples, int pathLength, int? teacherlessToken, int batchSize = 512)
    {
        var result = new int[examples.Count][];
        if (examples.Count == 0)
        {
            return result;
        }

        int p = examples[0].Prompt.Length;
        gpt.eval();
        for (int start = 0; start < examples.Count; start += batchSize)
        {
            int n = Math.Min(batchSize, examples.Count - start);
            int width = teacherlessToken is null ? p : p + pathLength - 1;
            var ids = new long[n * width];
            for (int r = 0; r < n; r++)
            {
                int[] prompt = examples[start + r].Prompt;
                if (prompt.Length != p)
                {
                    throw new ArgumentException($"prompts must share one length ({p}); example {start + r} has {prompt.Length}", nameof(examples));
                }

                for (int j = 0; j < width; j++)
                {
                    ids[r * width + j] = j < p ? prompt[j] : teacherlessToken!.Value;
                }
            }

            using DisposeScope scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor input = tensor(ids, new long[] { n, width });
            Tensor path = teacherlessToken is null
                ? gpt.generate(input, pathLength, greedy: true).narrow(1, p, pathLength) // (n, L)
                : gpt.forward(input).argmax(-1).narrow(1, p - 1, pathLength); // (n, L)
            long[] flat = path.contiguous().data<long>();
            for (int r = 0; r < n; r++)
            {
                result[start + r] = flat.Skip(r * pathLength).Take(pathLength).Select(v => (int)v).ToArray();
            }
        }

        return result;
    }

    /// <summary>Scores decoded paths against the examples' targets and the graphs in their prompts.</summary>
    /// <param name="examples">Held-out examples (targets in the trained order).</param>
    /// <param name="decoded">One decoded path per example.</param>
    /// <param name="vocab">The vocabulary (for the <c>|</c> and <c>/</c> tokens).</param>
    /// <param name="reverse">Paths run goal -&gt; source.</param>
    public static PathStarScores Score(IReadOnlyList<TokenExample> examples, IReadOnlyList<int[]> decoded, PathStarVocabulary vocab, bool reverse)
    {
        if (examples.Count != decoded.Count)
        {
            throw new ArgumentException($"{examples.Count} examples but {decoded.Count} decoded paths");
        }

        int n = examples.Count;
        int len = n == 0 ? 0 : examples[0].Target.Length;
        var position = new double[len];
        double exact = 0, validFirst = 0, validPath = 0;
        for (int i = 0; i < n; i++)
        {
            int[] truth = examples[i].Target;
            int[] path = decoded[i];
            var (edges, source, goal) = ParsePrompt(examples[i].Prompt, vocab);
            bool Step(int a, int b) => reverse ? edges.Contains((b, a)) : edges.Contains((a, b));
            bool all = true;
            for (int k = 0; k < len; k++)
            {
                bool ok = k < path.Length && path[k] == truth[k];
                position[k] += ok ? 1 : 0;
                all &= ok;
            }

            exact += all ? 1 : 0;
            int start = reverse ? goal : source;
            if (path.Length > 1 && Step(start, path[1]))
            {
                validFirst++;
            }

            bool legal = path.Length == len && path[0] == start;
            for (int k = 0; legal && k + 1 < path.Length; k++)
            {
                legal = Step(path[k], path[k + 1]);
            }

            validPath += legal ? 1 : 0;
        }

        double Mean(double x) => n == 0 ? double.NaN : x / n;
        return new PathStarScores(n, Mean(exact), len > 1 ? Mean(position[1]) : double.NaN, position.Select(Mean).ToArray(), Mean(validFirst), Mean(validPath));
    }

    /// <summary>The edges (u, v), the source and the goal written in an in-context path-star prompt.</summary>
    public static (HashSet<(int U, int V)> Edges, int Source, int Goal) ParsePrompt(int[] prompt, PathStarVocabulary vocab)
    {
        int slash = Array.IndexOf(prompt, vocab.Slash);
        if (slash < 0 || slash + 2 >= prompt.Length)
        {
            throw new ArgumentException("an in-context path-star prompt ends with / source goal [PAUSE]", nameof(prompt));
        }

        var edges = new HashSet<(int, int)>();
        for (int i = 0; i + 1 < slash; i += 3)
        {
            edges.Add((prompt[i], prompt[i + 1]));
        }

        return (edges, prompt[slash + 1], prompt[slash + 2]);
    }
}
