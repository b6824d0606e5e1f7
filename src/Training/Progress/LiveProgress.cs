using Spectre.Console;
using Spectre.Console.Rendering;

namespace Trainer.Training.Progress;

/// <summary>
/// A live Spectre.Console progress bar for interactive terminals: description, bar, percentage and the same stats
/// text as the plain lines (<c>step 200/1000  loss 2.3141  12.5 steps/s  eta 1m04s</c>), redrawn about ten times
/// a second on Spectre's own thread. <see cref="Log"/> prints above the bar; <see cref="Complete"/> removes the bar
/// and prints the final line. Other code must not write to the console while the bar is up (use Log).
/// </summary>
public sealed class LiveProgress : IProgressSink
{
    private readonly IAnsiConsole _console;
    private readonly string _description;
    private readonly TimeProvider _clock;
    private readonly RateMeter _meter;
    private readonly long _started;
    private readonly object _lock = new();
    private readonly ManualResetEventSlim _shown = new();
    private readonly ManualResetEventSlim _stop = new();
    private Thread? _thread;
    private ProgressTask? _task;
    private volatile string _stats = "";
    private Exception? _failure;
    private bool _completed;

    /// <summary>A bar on <paramref name="console"/> (e.g. <see cref="AnsiConsole.Console"/>) labelled <paramref name="description"/>.</summary>
    public LiveProgress(IAnsiConsole console, string description, TimeProvider? clock = null,
        TimeSpan? rateWindow = null)
    {
        _console = console;
        _description = description;
        _clock = clock ?? TimeProvider.System;
        _meter = new RateMeter(rateWindow);
        _started = _clock.GetTimestamp();
    }

    /// <inheritdoc/>
    public void Report(ProgressUpdate update)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }
            _meter.Add(_clock.GetElapsedTime(_started), update.Step, update.Tokens);
            _stats = ProgressFormat.Line(update, _meter.StepsPerSecond, _meter.TokensPerSecond);
            var task = Show(update);
            task.IsIndeterminate = update.Total <= 0;
            if (update.Total > 0)
            {
                task.MaxValue = update.Total;
            }
            task.Value = Math.Min(update.Step, Math.Max(update.Total, 1));
        }
    }

    /// <inheritdoc/>
    public void Log(string message)
    {
        lock (_lock)
        {
            _console.WriteLine(message);
        }
    }

    /// <inheritdoc/>
    public void Complete(ProgressUpdate last, string status = "done")
    {
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }
            _completed = true;
            var now = _clock.GetElapsedTime(_started);
            _meter.Add(now, last.Step, last.Tokens);
            StopBar();
            _console.WriteLine(ProgressFormat.Final(status, last, _meter.AverageStepsPerSecond,
                _meter.AverageTokensPerSecond, now));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            _completed = true;
            StopBar();
        }
        _shown.Dispose();
        _stop.Dispose();
    }

    // Starts Spectre's live display on its own thread at the first report and waits until the task exists.
    private ProgressTask Show(ProgressUpdate first)
    {
        if (_task is not null)
        {
            return _task;
        }
        _thread = new Thread(() => Run(first)) { IsBackground = true, Name = "progress bar" };
        _thread.Start();
        _shown.Wait();
        return _task ?? throw new InvalidOperationException("the progress bar could not start", _failure);
    }

    private void Run(ProgressUpdate first)
    {
        try
        {
            _console.Progress()
                .AutoClear(true)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new StatsColumn(() => _stats))
                .Start(context =>
                {
                    _task = context.AddTask(Markup.Escape(_description), maxValue: Math.Max(first.Total, 1));
                    _shown.Set();
                    _stop.Wait();
                    context.Refresh();
                });
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            _shown.Set();
        }
    }

    private void StopBar()
    {
        if (_thread is null)
        {
            return;
        }
        _stop.Set();
        _thread.Join();
        _thread = null;
    }

    private sealed class StatsColumn(Func<string> text) : ProgressColumn
    {
        protected override bool NoWrap => true;

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(text());
    }
}
