namespace Trainer.Training.Config;

/// <summary>
/// A config could not be loaded: unknown key, wrong type, value out of range, bad JSON or a bad <c>--set</c>.
/// <see cref="Key"/> names the first offending key; <see cref="Errors"/> holds every problem found in one pass, so
/// a user fixes them all at once instead of one per run.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception from one or more problems (at least one).</summary>
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from a single problem.</summary>
    public ConfigException(ConfigError error)
        : this([error])
    {
    }

    /// <summary>The full dotted key of the first problem (empty for a problem with the whole file).</summary>
    public string Key => Errors[0].Key;

    /// <summary>Every problem found, in the order met.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigError> errors)
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("a ConfigException needs at least one error", nameof(errors));
        }
        if (errors.Count == 1)
        {
            return "config error: " + errors[0];
        }
        var lines = errors.Select(e => "  - " + e);
        return $"{errors.Count} config errors:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
