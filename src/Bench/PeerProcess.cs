using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Trainer.Bench;

/// <summary>
/// A running peer script (python3-torch) driven line by line: <c>setup &lt;workload&gt;</c>, <c>run &lt;n&gt;</c>,
/// <c>rss</c>, <c>quit</c>; each answer is one JSON object on its stdout (protocol in bench/python/peer_protocol.py, which every peer imports).
/// The peer waits on stdin between commands, so it uses no CPU while ours runs.
/// Thread settings are fixed at start: <c>torch.set_num_threads</c> from the command line and
/// <c>OPENBLAS_NUM_THREADS</c> in its environment.
/// </summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr;
    private readonly string _scriptPath;

    private PeerProcess(Process process, List<string> stderr, string scriptPath, JsonElement ready)
    {
        _process = process;
        _stderr = stderr;
        _scriptPath = scriptPath;
        TorchVersion = ready.GetProperty("torch").GetString() ?? "";
        TorchThreads = ready.GetProperty("threads").GetInt32();
        BlasThreads = ready.GetProperty("blas_threads").GetInt32();
        BlasCore = ready.TryGetProperty("blas_core", out JsonElement core) ? core.GetString() ?? "" : "";
    }

    /// <summary>The peer's OpenBLAS run-time kernel family (e.g. "Haswell"), or empty.</summary>
    public string BlasCore { get; }

    /// <summary>The peer's torch.__version__.</summary>
    public string TorchVersion { get; }

    /// <summary>The peer's torch.get_num_threads() after set_num_threads.</summary>
    public int TorchThreads { get; }

    /// <summary>The peer's OpenBLAS thread count, or -1 when it could not be read.</summary>
    public int BlasThreads { get; }

    /// <summary>The interpreter: TRAINER_BENCH_PYTHON, else Debian's /usr/bin/python3.</summary>
    public static string Interpreter =>
        Environment.GetEnvironmentVariable("TRAINER_BENCH_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>Starts <paramref name="script"/> (a file name under bench/python) with the given threads.</summary>
    public static PeerProcess Start(string script, int torchThreads, int blasThreads)
    {
        string path = ExtractScript(script);
        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(path);
        info.ArgumentList.Add("--threads");
        info.ArgumentList.Add(torchThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment["OPENBLAS_NUM_THREADS"] = blasThreads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PYTHONUNBUFFERED"] = "1";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new PeerException($"could not start {Interpreter}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            DeleteScript(path);
            throw new PeerException($"could not start {Interpreter} ({e.Message}); install python3 and python3-torch", e);
        }

        var stderr = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.Add(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        try
        {
            return new PeerProcess(process, stderr, path, ReadAnswer(process, stderr, "ready"));
        }
        catch
        {
            process.Dispose();
            DeleteScript(path);
            throw;
        }
    }

    /// <summary>Creates the workload's inputs in the peer; returns the peer's checksum of the work.</summary>
    public double Setup(string workload) => Send($"setup {workload}", "setup").GetProperty("check").GetDouble();

    /// <summary>Runs <paramref name="iterations"/> iterations in the peer; returns the elapsed seconds it measured.</summary>
    public double Run(long iterations) =>
        Send(FormattableString.Invariant($"run {iterations}"), "run").GetProperty("seconds").GetDouble();

    /// <summary>The peer's peak RSS in bytes since its last setup (VmHWM), else its getrusage maxrss.</summary>
    public long PeakRssBytes()
    {
        JsonElement rss = Send("rss", "rss");
        long hwm = rss.GetProperty("hwm_kb").GetInt64();
        return (hwm > 0 ? hwm : rss.GetProperty("maxrss_kb").GetInt64()) * 1024;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine("quit");
                _process.StandardInput.Flush();
                if (!_process.WaitForExit(5000))
                {
                    _process.Kill();
                }
            }
        }
        catch (IOException)
        {
            // The peer already went away; nothing to stop.
        }
        finally
        {
            _process.Dispose();
            DeleteScript(_scriptPath);
        }
    }

    private JsonElement Send(string command, string expected)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        return ReadAnswer(_process, _stderr, expected);
    }

    private static JsonElement ReadAnswer(Process process, List<string> stderr, string expected)
    {
        string? line = process.StandardOutput.ReadLine();
        if (line is null)
        {
            process.WaitForExit(); // also drains the asynchronous stderr reader
            string tail;
            lock (stderr)
            {
                tail = string.Join('\n', stderr.TakeLast(15));
            }

            throw new PeerException($"the peer exited while waiting for '{expected}'. Its stderr:\n{tail}");
        }

        JsonElement answer = JsonDocument.Parse(line).RootElement.Clone();
        string evt = answer.GetProperty("event").GetString() ?? "";
        if (evt == "error")
        {
            throw new PeerException("the peer failed: " + answer.GetProperty("message").GetString());
        }

        if (evt != expected)
        {
            throw new PeerException($"the peer answered '{evt}' where '{expected}' was expected: {line}");
        }

        return answer;
    }

    /// <summary>Deletes an extracted script's folder (the peer's own, see <see cref="ExtractScript"/>).</summary>
    private static void DeleteScript(string path)
    {
        string? dir = Path.GetDirectoryName(path);
        if (dir is not null && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Writes the embedded copy of bench/python/<paramref name="script"/>, with the shared peer_protocol.py beside it, to
    /// a temp folder of this peer's own; returns the script's path.
    /// </summary>
    private static string ExtractScript(string script)
    {
        // One folder per peer: two peers of one process (even of the same script) never delete each other's files.
        string dir = Path.Combine(Path.GetTempPath(), $"trainer-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        Extract(ProtocolModule, dir);
        return Extract(script, dir);
    }

    private const string ProtocolModule = "peer_protocol.py";

    private static string Extract(string name, string dir)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("peer/" + name)
            ?? throw new PeerException($"no embedded peer script named {name}");
        string path = Path.Combine(dir, name);
        using (FileStream file = File.Create(path))
        {
            stream.CopyTo(file);
        }

        return path;
    }
}
