using System.Text;

namespace Trainer.Data.Tasks;

/// <summary>
/// Renders token examples as text lines and parses them back. Words are the vocabulary's names separated by one
/// space; the word <c>-&gt;</c> (not a token) separates prompt from target.
/// </summary>
/// <remarks>
/// Example (path-star vocabulary, n = 17 nodes): the edge example with prompt [24, 12] and target [7] renders as
/// <c>[EDGE] 12 -&gt; 7</c>; the path example with prompt [25, 4, 18] and target [0, 9, 3, 4] as
/// <c>[PATH] 4 [PAUSE] -&gt; 0 9 3 4</c>. <see cref="Parse"/> inverts <see cref="Render"/> exactly.
/// </remarks>
public static class TokenText
{
    /// <summary>The separator word between prompt and target.</summary>
    public const string Arrow = "->";

    /// <summary>Text line of one example.</summary>
    public static string Render(ITokenVocabulary vocabulary, TokenExample example)
    {
        var sb = new StringBuilder();
        AppendWords(sb, vocabulary, example.Prompt);
        sb.Append(sb.Length > 0 ? " " : string.Empty).Append(Arrow);
        if (example.Target.Length > 0)
        {
            sb.Append(' ');
            AppendWords(sb, vocabulary, example.Target);
        }
        return sb.ToString();
    }

    /// <summary>Words of a bare token sequence (no arrow).</summary>
    public static string Render(ITokenVocabulary vocabulary, ReadOnlySpan<int> tokens)
    {
        var sb = new StringBuilder();
        AppendWords(sb, vocabulary, tokens);
        return sb.ToString();
    }

    /// <summary>Text lines of many examples.</summary>
    public static string[] RenderAll(ITokenVocabulary vocabulary, IReadOnlyList<TokenExample> examples)
    {
        var lines = new string[examples.Count];
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = Render(vocabulary, examples[i]);
        }
        return lines;
    }

    /// <summary>Parses a line written by <see cref="Render(ITokenVocabulary, TokenExample)"/>.</summary>
    /// <exception cref="FormatException">A word is not in the vocabulary, or the arrow is missing or repeated.</exception>
    public static TokenExample Parse(ITokenVocabulary vocabulary, string line)
    {
        var prompt = new List<int>();
        var target = new List<int>();
        bool afterArrow = false;
        foreach (string word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == Arrow)
            {
                if (afterArrow)
                {
                    throw new FormatException($"more than one '{Arrow}' in \"{line}\"");
                }
                afterArrow = true;
                continue;
            }
            if (!vocabulary.TryParse(word, out int id))
            {
                throw new FormatException($"'{word}' is not a token of this vocabulary (in \"{line}\")");
            }
            (afterArrow ? target : prompt).Add(id);
        }
        if (!afterArrow)
        {
            throw new FormatException($"no '{Arrow}' between prompt and target in \"{line}\"");
        }
        return new TokenExample(prompt.ToArray(), target.ToArray());
    }

    private static void AppendWords(StringBuilder sb, ITokenVocabulary vocabulary, ReadOnlySpan<int> tokens)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            sb.Append(vocabulary.Name(tokens[i]));
        }
    }
}
