using Trainer.Training.Config;
using Trainer.Training.Loop;
using Trainer.Training.Progress;
using Trainer.Training.Runs;
using Trainer.Training.Tasks;

namespace Trainer.Training.Tests.Loop;

/// <summary>A tiny graph-memory run (edge network on a 3-arm path-star) in a temp runs folder.</summary>
internal sealed class TinyRun : IDisposable
{
    public TinyRun()
    {
        Root = Path.Combine(Path.GetTempPath(), "trainer-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static readonly string[] Base =
    {
        "data.graph.degree=3", "data.graph.path_length=4", "model.edge_network.n_embd=8",
        "train.steps=60", "train.eval_every=20", "train.checkpoint_every=20", "train.log_every=5",
        "train.optimizer=adamw", "train.lr=0.05",
    };

    public static GraphMemoryConfig Config(params string[] extra) =>
        ConfigLoader.Defaults<GraphMemoryConfig>(Base.Concat(extra));

    public (TrainingSession Session, List<double> Losses) NewSession(GraphMemoryConfig c, RunFolder? folder = null)
    {
        PreparedTask p = new GraphMemoryTask().Prepare(c);
        RunFolder run = folder ?? RunFolder.Create(Root, c.Name);
        var session = new TrainingSession(run, p.Model, p.Data, p.Train, c);
        var losses = new List<double>();
        session.Loop.StepEnded += (_, e) => losses.Add(e.Loss);
        return (session, losses);
    }

    public static float[] Weights(TrainingSession s) =>
        s.Loop.Module.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SelectMany(kv => kv.Value.detach().data<float>()).ToArray();

    public static IProgressSink Quiet => NullProgress.Instance;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
