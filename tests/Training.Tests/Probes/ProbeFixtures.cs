using System.Text.Json;
using Trainer.Data.Graphs;
using Trainer.Training.Probes;

namespace Trainer.Training.Tests.Probes;

/// <summary>
/// Runs the checked-in NumPy/SciPy/networkx reference tests/fixtures/probes/probe_reference.py with Debian's python3.
/// </summary>
internal static class ProbeFixtures
{
    /// <summary>Null when the reference can run, else why not.</summary>
    public static string? MissingReason => Python.MissingModules("numpy", "scipy", "networkx");

    public static string Script => Path.Combine(Dir(), "probe_reference.py");

    /// <summary>Every case the tests compare, computed in one python run (interpreter start-up dominates).</summary>
    public static IReadOnlyList<ReferenceCase> Cases { get; } = BuildCases();

    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> _results = new(() => RunAll(Cases));

    /// <summary>The reference numbers of the named case.</summary>
    public static (ReferenceCase Case, JsonElement Reference) Get(string name) =>
        (Cases.Single(c => c.Name == name), _results.Value[name]);

    private static List<ReferenceCase> BuildCases()
    {
        var cases = new List<ReferenceCase>();
        foreach (var (name, graph) in new[] { ("path-star", SyntheticEmbeddings.PathStar(4, 5)), ("irregular", GraphFamilies.Irregular16()), ("grid", GraphFamilies.Grid(3, 4)) })
        {
            cases.Add(new ReferenceCase("spectral-" + name, graph, SyntheticEmbeddings.Gaussian(graph.NodeCount, 5, seed: graph.NodeCount), null));
        }

        foreach (var (name, graph) in new[] { ("path-star", SyntheticEmbeddings.PathStar(3, 6)), ("grid", GraphFamilies.Grid(4, 4)), ("cycle", GraphFamilies.Cycle(15)) })
        {
            cases.Add(new ReferenceCase("distance-" + name, graph, SyntheticEmbeddings.Gaussian(graph.NodeCount, 3, seed: 5 + graph.NodeCount), null));
        }

        Graph star = SyntheticEmbeddings.PathStar(3, 5);
        cases.Add(new ReferenceCase("margin", star, SyntheticEmbeddings.Gaussian(star.NodeCount, 4, seed: 21), SyntheticEmbeddings.Gaussian(4, 4, seed: 22).Values.ToArray()));
        return cases;
    }

    private static Dictionary<string, JsonElement> RunAll(IReadOnlyList<ReferenceCase> cases)
    {
        var input = cases.Select(c => Input(c.Graph, c.Embedding, c.W)).ToList();
        string file = Path.Combine(Path.GetTempPath(), "probe-ref-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, JsonSerializer.Serialize(input));
        try
        {
            var (code, stdout, stderr) = Exec([Script, file]);
            Assert.True(code == 0, "probe_reference.py failed: " + stderr);
            var results = JsonDocument.Parse(stdout).RootElement.Clone().EnumerateArray().ToList();
            return cases.Select((c, i) => (c.Name, results[i])).ToDictionary(x => x.Name, x => x.Item2);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Dictionary<string, object> Input(Graph graph, EmbeddingMatrix e, double[]? w)
    {
        var edges = new List<int[]>();
        for (int u = 0; u < graph.NodeCount; u++)
        {
            foreach (int v in graph.Neighbors(u))
            {
                if (u < v)
                {
                    edges.Add([u, v]);
                }
            }
        }

        var input = new Dictionary<string, object>
        {
            ["n"] = graph.NodeCount,
            ["edges"] = edges,
            ["embedding"] = Enumerable.Range(0, e.Rows).Select(u => e.Row(u).ToArray()).ToArray(),
        };
        if (w is not null)
        {
            input["w"] = Enumerable.Range(0, e.Cols).Select(i => w.AsSpan(i * e.Cols, e.Cols).ToArray()).ToArray();
        }

        return input;
    }

    public static double[] Doubles(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble()).ToArray();

    private static string Dir() => RepoFiles.Find("tests/fixtures/probes");

    private static (int Code, string Stdout, string Stderr) Exec(IEnumerable<string> args)
    {
        ProcessResult r = Python.Run(args);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }
}

/// <summary>One comparison: a graph, an embedding and optionally W (margin diagnostics).</summary>
internal sealed record ReferenceCase(string Name, Graph Graph, EmbeddingMatrix Embedding, double[]? W);

/// <summary>A fact skipped, with the reason shown, when the Python reference cannot run.</summary>
public sealed class PythonProbeFactAttribute : FactAttribute
{
    public PythonProbeFactAttribute()
    {
        if (ProbeFixtures.MissingReason is { } why)
        {
            Skip = "python reference unavailable: " + why;
        }
    }
}
