namespace Trainer.Training.Config;

/// <summary>
/// The exact strings a string property may take (case-sensitive); on a string array it applies to every element.
/// Prefer an enum where the set is closed in code; use this where the names come from elsewhere (datasets, files).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class OneOfAttribute : Attribute
{
    /// <summary>Allows exactly <paramref name="values"/>.</summary>
    public OneOfAttribute(params string[] values)
    {
        Values = values;
    }

    /// <summary>The allowed strings.</summary>
    public IReadOnlyList<string> Values { get; }
}
