using System.Globalization;

namespace Trainer.Data.Tasks;

/// <summary>
/// The numeral vocabulary of the path-star tasks (paper digest 3.1 and 3.2): node ids 0..n-1 are single tokens
/// written as decimal numbers, then the specials <c>|</c>=n, <c>[PAUSE]</c>=n+1, <c>/</c>=n+2, <c>$</c>=n+3,
/// <c>&gt;</c>=n+4, <c>&lt;</c>=n+5, <c>[PAD]</c>=n+6, <c>[EDGE]</c>=n+7, <c>[PATH]</c>=n+8; Size = n + 9.
/// </summary>
/// <remarks>Example, n = 17: <c>[EDGE]</c> = 24, <c>[PATH]</c> = 25, <c>[PAUSE]</c> = 18, <c>[PAD]</c> = 23.</remarks>
public sealed class PathStarVocabulary : ITokenVocabulary
{
    private static readonly string[] SpecialNames = ["|", "[PAUSE]", "/", "$", ">", "<", "[PAD]", "[EDGE]", "[PATH]"];

    /// <summary>Vocabulary over <paramref name="nodeCount"/> node tokens.</summary>
    public PathStarVocabulary(int nodeCount)
    {
        if (nodeCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nodeCount), nodeCount, "at least one node token is needed");
        }
        NodeCount = nodeCount;
    }

    /// <summary>Number of node tokens n.</summary>
    public int NodeCount { get; }

    /// <summary>n + 9.</summary>
    public int Size => NodeCount + SpecialNames.Length;

    /// <summary><c>|</c> = n: separates edges in the in-context format.</summary>
    public int Pipe => NodeCount;

    /// <summary><c>[PAUSE]</c> = n + 1 (the <c>=</c> of the in-context format).</summary>
    public int PauseToken => NodeCount + 1;

    /// <summary><c>/</c> = n + 2: ends the edge list in the in-context format.</summary>
    public int Slash => NodeCount + 2;

    /// <summary><c>$</c> = n + 3: the teacherless filler token.</summary>
    public int Dollar => NodeCount + 3;

    /// <summary><c>&gt;</c> = n + 4.</summary>
    public int Greater => NodeCount + 4;

    /// <summary><c>&lt;</c> = n + 5.</summary>
    public int Less => NodeCount + 5;

    /// <summary><c>[PAD]</c> = n + 6.</summary>
    public int Pad => NodeCount + 6;

    /// <summary><c>[EDGE]</c> = n + 7: task token of edge examples.</summary>
    public int EdgeToken => NodeCount + 7;

    /// <summary><c>[PATH]</c> = n + 8: task token of path examples.</summary>
    public int PathToken => NodeCount + 8;

    /// <inheritdoc />
    public string Name(int id)
    {
        if ((uint)id < (uint)NodeCount)
        {
            return id.ToString(CultureInfo.InvariantCulture);
        }
        if (id >= NodeCount && id < Size)
        {
            return SpecialNames[id - NodeCount];
        }
        throw new ArgumentOutOfRangeException(nameof(id), id, $"token ids run 0..{Size - 1}");
    }

    /// <inheritdoc />
    public bool TryParse(string word, out int id)
    {
        if (word.Length > 0 && char.IsAsciiDigit(word[0]))
        {
            return int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id < NodeCount;
        }
        int k = Array.IndexOf(SpecialNames, word);
        id = k < 0 ? -1 : NodeCount + k;
        return k >= 0;
    }
}
