using Trainer.Data.Storage;
using Trainer.Data.Tasks;

namespace Trainer.Data.Catalog;

/// <summary>Adds encoded token examples to a dataset as NAME_inputs and NAME_targets, shape (count, length).</summary>
internal static class ExampleArrays
{
    /// <summary>Encodes <paramref name="examples"/> padded to the longest one (see <see cref="SequenceArrays"/>).</summary>
    public static void Add(Dataset data, string name, IReadOnlyList<TokenExample> examples, int pad)
    {
        var encoded = SequenceArrays.Encode(examples, pad);
        data.Add(DataArray.Of(name + "_inputs", encoded.Inputs, encoded.Count, encoded.Length));
        data.Add(DataArray.Of(name + "_targets", encoded.Targets, encoded.Count, encoded.Length));
    }
}
