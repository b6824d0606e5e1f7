using Trainer.Training.Progress;

namespace Trainer.Training.Tests.Progress;

public class CancellationSourceTests
{
    [Fact]
    public void The_first_interrupt_requests_a_graceful_stop_and_keeps_running()
    {
        var notices = new List<string>();
        var exits = new List<int>();
        using var stop = new CancellationSource(notices.Add, exits.Add);

        var cancelDefault = stop.OnInterrupt();

        Assert.True(cancelDefault);
        Assert.True(stop.Token.IsCancellationRequested);
        Assert.Empty(exits);
        Assert.Contains("checkpoint", Assert.Single(notices), StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_interrupt_exits_at_once_with_130()
    {
        var exits = new List<int>();
        using var stop = new CancellationSource(_ => { }, exits.Add);

        stop.OnInterrupt();
        var cancelDefault = stop.OnInterrupt();

        Assert.False(cancelDefault);
        Assert.Equal([130], exits);
        Assert.Equal(2, stop.Interrupts);
    }

    [Fact]
    public void Nothing_is_requested_before_an_interrupt()
    {
        using var stop = new CancellationSource(_ => { }, _ => { }).Listen();

        Assert.False(stop.StopRequested);
        Assert.Equal(0, stop.Interrupts);
    }
}
