using System.Globalization;
using Trainer.Data.Tasks;

namespace Trainer.Data.Facts;

/// <summary>
/// Tokens of the fact-graph text task: entities 0..E-1 written <c>e0</c>, <c>e1</c>, ...; relations E..E+R-1
/// written <c>r0</c>, <c>r1</c>, ...; then <c>[PAD]</c> = E + R. Size = E + R + 1.
/// </summary>
/// <remarks>Example, E = 100, R = 4: <c>e12</c> = 12, <c>r3</c> = 103, <c>[PAD]</c> = 104.</remarks>
public sealed class FactVocabulary : ITokenVocabulary
{
    /// <summary>Vocabulary for E entities and R relations.</summary>
    public FactVocabulary(int entities, int relations)
    {
        Entities = entities;
        Relations = relations;
    }

    /// <summary>E.</summary>
    public int Entities { get; }

    /// <summary>R.</summary>
    public int Relations { get; }

    /// <inheritdoc />
    public int Size => Entities + Relations + 1;

    /// <inheritdoc />
    public int Pad => Entities + Relations;

    /// <summary>Token id of relation r.</summary>
    public int RelationToken(int relation) => Entities + relation;

    /// <inheritdoc />
    public string Name(int id)
    {
        if ((uint)id < (uint)Entities)
        {
            return "e" + id.ToString(CultureInfo.InvariantCulture);
        }
        if (id >= Entities && id < Entities + Relations)
        {
            return "r" + (id - Entities).ToString(CultureInfo.InvariantCulture);
        }
        if (id == Pad)
        {
            return "[PAD]";
        }
        throw new ArgumentOutOfRangeException(nameof(id), id, $"token ids run 0..{Size - 1}");
    }

    /// <inheritdoc />
    public bool TryParse(string word, out int id)
    {
        id = -1;
        if (word == "[PAD]")
        {
            id = Pad;
            return true;
        }
        if (word.Length < 2 || (word[0] != 'e' && word[0] != 'r'))
        {
            return false;
        }
        if (!int.TryParse(word.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int k))
        {
            return false;
        }
        if (word[0] == 'e' && k < Entities)
        {
            id = k;
            return true;
        }
        if (word[0] == 'r' && k < Relations)
        {
            id = Entities + k;
            return true;
        }
        return false;
    }
}
