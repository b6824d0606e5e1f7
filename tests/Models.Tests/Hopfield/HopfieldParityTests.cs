using Trainer.Torch;
using static Trainer.Models.Tests.Hopfield.HopfieldTestSupport;

namespace Trainer.Models.Tests.Hopfield;

/// <summary>
/// Hopfield, HopfieldPooling and HopfieldLayer against an independent python3-torch implementation of the same
/// equations on the same weights and inputs (tests/fixtures/hopfield/hopfield_reference.py): outputs, final
/// associations and the gradients of sum(output * cotangent) for every parameter and input, max |diff| &lt;= 1e-5.
/// </summary>
public class HopfieldParityTests : IClassFixture<HopfieldParityFixture>
{
    private readonly HopfieldParityFixture _fixture;

    public HopfieldParityTests(HopfieldParityFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (ParityCase c in HopfieldParityFixture.Cases)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Outputs_associations_and_gradients_match_the_python_reference(string name)
    {
        if (_fixture.Missing is { } why)
        {
            Console.Error.WriteLine("SKIPPED (python reference unavailable): " + why);
            return;
        }

        IReadOnlyDictionary<string, Tensor> ours = _fixture.Ours(name);
        IReadOnlyDictionary<string, Tensor> theirs = _fixture.Theirs(name);
        Assert.Equal(ours.Keys.OrderBy(k => k, StringComparer.Ordinal), theirs.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (key, value) in ours)
        {
            double diff = MaxAbsDiff(value, theirs[key]);
            Assert.True(diff <= 1e-5, $"{name}: {key} differs by {diff:G3}");
        }
    }
}
