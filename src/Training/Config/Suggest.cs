namespace Trainer.Training.Config;

/// <summary>"Did you mean" by edit distance (Levenshtein over lower-cased text, where spellings that differ only
/// in case or underscores count as distance 0).</summary>
public static class Suggest
{
    /// <summary>
    /// The candidate closest to <paramref name="typed"/>, or null when none is within
    /// max(2, |typed| / 3) edits (far-off guesses help nobody).
    /// </summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(typed, candidate);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        var limit = Math.Max(2, typed.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Edit distance (insert, delete, substitute all cost 1); 0 when the loose forms are equal.</summary>
    public static int Distance(string a, string b)
    {
        if (KeyNames.Loose(a) == KeyNames.Loose(b))
        {
            return 0;
        }
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
