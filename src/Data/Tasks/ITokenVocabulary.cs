namespace Trainer.Data.Tasks;

/// <summary>A token vocabulary: ids 0..Size-1, each with one printable word, and the padding id.</summary>
public interface ITokenVocabulary
{
    /// <summary>Number of token ids.</summary>
    int Size { get; }

    /// <summary>Id written into inputs past the end of a shorter example.</summary>
    int Pad { get; }

    /// <summary>The word that renders token <paramref name="id"/>.</summary>
    string Name(int id);

    /// <summary>The id of <paramref name="word"/>, if it is one of this vocabulary's words.</summary>
    bool TryParse(string word, out int id);
}
