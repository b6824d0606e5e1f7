using System.Globalization;
using System.Text.Json;
using Trainer.Data.Graphs;

namespace Trainer.Models.Tests.Node2Vec;

/// <summary>
/// Fixtures of the Node2Vec tests: the karate-club graph checked in by tests/fixtures/node2vec/karate.py (networkx),
/// and python3-gensim's skip-gram run by tests/fixtures/node2vec/gensim_skipgram.py on walk files the test writes.
/// When /usr/bin/python3 or gensim is missing, <see cref="GensimMissing"/> says why and the test skips loudly.
/// </summary>
internal static class Node2VecFixtures
{
    private const string Relative = "tests/fixtures/node2vec";
    private static readonly Lazy<string> s_dir = new(FindDir);
    private static readonly Lazy<string?> s_gensimMissing = new(ProbeGensim);

    public static string Dir => s_dir.Value;

    /// <summary>Null when gensim can run, else the reason.</summary>
    public static string? GensimMissing => s_gensimMissing.Value;

    /// <summary>Zachary's karate club (34 nodes, 78 edges), undirected.</summary>
    public static Graph Karate()
    {
        int[] pairs = File.ReadAllLines(Path.Combine(Dir, "karate_edges.txt"))
            .Where(l => l.Length > 0)
            .SelectMany(l => l.Split(' ').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            .ToArray();
        return GraphBuilder.FromEdgeArray(34, pairs, directed: false);
    }

    /// <summary>Club of each karate node (0 = Mr. Hi, 1 = Officer).</summary>
    public static int[] KarateClubs() =>
        File.ReadAllLines(Path.Combine(Dir, "karate_clubs.txt")).Where(l => l.Length > 0).Select(int.Parse).ToArray();

    /// <summary>Runs gensim on each job (one Python process); returns each job's (n, dim) embeddings and CPU seconds.</summary>
    public static IReadOnlyList<(float[] Embeddings, double CpuSeconds)> RunGensim(IReadOnlyList<GensimJob> jobs, string workDir)
    {
        string manifest = Path.Combine(workDir, "jobs.json");
        var spec = new
        {
            jobs = jobs.Select(j => new Dictionary<string, object>
            {
                ["walks"] = j.WalksPath, ["out"] = j.OutPath, ["nodes"] = j.Nodes, ["dim"] = j.Dim, ["window"] = j.Window,
                ["negative"] = j.Negative, ["epochs"] = j.Epochs, ["seed"] = j.Seed, ["workers"] = 1, ["sample"] = 0,
            }).ToArray(),
        };
        File.WriteAllText(manifest, JsonSerializer.Serialize(spec));
        var (code, stdout, stderr) = Run(Path.Combine(Dir, "gensim_skipgram.py"), manifest);
        Assert.True(code == 0, "gensim_skipgram.py failed: " + stderr);
        JsonElement results = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]).RootElement.GetProperty("jobs");
        return jobs.Select((j, i) => (ReadFloats(j.OutPath), results[i].GetProperty("cpu_seconds").GetDouble())).ToList();
    }

    public static float[] ReadFloats(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    private static string? ProbeGensim() => Python.MissingModules("gensim", "numpy");

    // Gensim jobs over many walks can outlast the default limit on a loaded machine.
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        ProcessResult r = Python.Run(args, timeout: TimeSpan.FromMinutes(10));
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    private static string FindDir() => RepoFiles.Find(Relative);
}

/// <summary>One gensim training job: walks file in, raw float32 embeddings out.</summary>
internal sealed record GensimJob(string WalksPath, string OutPath, int Nodes, int Dim, int Window, int Negative, int Epochs, int Seed);

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class ScratchDir : IDisposable
{
    public ScratchDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trainer-n2v-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
