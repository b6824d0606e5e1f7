using Trainer.Torch.Distributed;

namespace Trainer.Torch.Tests.Distributed;

public class LaunchEnvironmentTests
{
    private static Func<string, string?> Vars(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void Torchruns_variables_give_rank_world_and_the_tcp_init_method()
    {
        LaunchEnvironment? e = LaunchEnvironment.FromEnvironment(Vars(("RANK", "3"), ("WORLD_SIZE", "4"),
            ("LOCAL_RANK", "1"), ("MASTER_ADDR", "node0"), ("MASTER_PORT", "29555")));
        Assert.Equal(new LaunchEnvironment(3, 4, 1, "node0", 29555), e);
        Assert.Equal("tcp://node0:29555", e!.InitMethod);
        Assert.Equal("3", e.ToVariables()["RANK"]);
    }

    [Fact]
    public void Without_world_size_it_is_not_a_distributed_launch_and_defaults_fill_the_rest()
    {
        Assert.Null(LaunchEnvironment.FromEnvironment(Vars(("RANK", "0"))));
        Assert.Equal(new LaunchEnvironment(1, 2, 1, "127.0.0.1", LaunchEnvironment.DefaultPort),
            LaunchEnvironment.FromEnvironment(Vars(("RANK", "1"), ("WORLD_SIZE", "2"))));
    }

    [Theory]
    [InlineData("2", "2", "29500", "RANK must be in 0..1")]
    [InlineData("x", "2", "29500", "RANK must be an integer")]
    [InlineData("0", "2", "70000", "MASTER_PORT must be in 1..65535")]
    [InlineData(null, "2", "29500", "RANK is not set")]
    public void Bad_values_are_errors_that_name_the_variable(string? rank, string world, string port, string message)
    {
        var vars = new List<(string, string)> { ("WORLD_SIZE", world), ("MASTER_PORT", port) };
        if (rank is not null)
        {
            vars.Add(("RANK", rank));
        }

        var e = Assert.Throws<ArgumentException>(() => LaunchEnvironment.FromEnvironment(Vars(vars.ToArray())));
        Assert.Contains(message, e.Message);
    }
}
