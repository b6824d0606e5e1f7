using Trainer.Training.Config;

namespace Trainer.Training.Tests.Config;

public class UnsupportedTypeTests
{
    public sealed record WithObject
    {
        public object Anything { get; init; } = new();
    }

    [Fact]
    public void A_property_of_an_unsupported_type_is_reported_when_the_record_is_first_used()
    {
        var e = Assert.Throws<NotSupportedException>(() => ConfigLoader.Defaults<WithObject>());

        Assert.Contains("Object", e.Message, StringComparison.Ordinal);
    }
}
