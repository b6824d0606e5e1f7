using Trainer.Training.Config;
using Trainer.Training.Experiments;

namespace Trainer.Training.Tests.Experiments;

/// <summary>
/// configs/experiments/&lt;name&gt;.json and &lt;name&gt;-large.json spell out the defaults of their scale, so a researcher
/// can start from the file and get exactly what <c>trainer experiment &lt;name&gt; [--scale large]</c> runs.
/// </summary>
public class CheckedInConfigsTests
{
    /// <summary>The experiments whose checked-in files must exist and equal the defaults.</summary>
    private static readonly string[] SpelledOut = ["am-clustering", "fact-graph", "icl-energy", "in-context-path-star", "path-star"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in SpelledOut)
        {
            data.Add(name, "small");
            data.Add(name, "large");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_checked_in_config_spells_out_the_defaults_of_its_scale(string name, string scale)
    {
        IExperiment e = BuiltIn.All.Single(x => x.Name == name);
        string path = Path.Combine(RepoFiles.Root(), "configs", "experiments", scale == "large" ? $"{name}-large.json" : $"{name}.json");
        object fromFile = ExperimentRegistry.LoadConfig(e, "small", path, []);
        Assert.Equal(ConfigJson.Serialize(e.DefaultConfig(scale)), ConfigJson.Serialize(fromFile));
    }
}
