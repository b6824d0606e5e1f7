namespace Trainer.Training.Config;

/// <summary>
/// One problem found while loading a config: the full dotted key (<c>model.n_layer</c>, <c>data.sizes[2]</c>), the
/// offending value as JSON text, what is wrong, and what would be accepted.
/// </summary>
/// <param name="Key">Full dotted key path, snake_case, e.g. <c>train.lr</c>.</param>
/// <param name="Value">The value as written (JSON text, strings quoted); null when there is no value.</param>
/// <param name="Problem">What is wrong, e.g. <c>unknown key</c> or <c>expected an integer (int)</c>.</param>
/// <param name="Allowed">What is accepted (allowed keys, values or range); null when nothing useful to say.</param>
/// <param name="Suggestion">A "did you mean" candidate found by edit distance; null when none is close.</param>
/// <param name="Source">Where the value came from: a file path, <c>--set</c>, or <c>defaults</c>.</param>
public sealed record ConfigError(
    string Key,
    string? Value,
    string Problem,
    string? Allowed = null,
    string? Suggestion = null,
    string? Source = null)
{
    /// <summary>One line: <c>key = value (source): problem. Did you mean 'x'? Allowed: ...</c>.</summary>
    public override string ToString()
    {
        // A problem with the whole file reads "demo.json: not valid JSON ..."; a key's reads "key = value (source): ...".
        var text = new System.Text.StringBuilder(Key.Length == 0 ? Source ?? "config" : Key);
        if (Value is not null)
        {
            text.Append(" = ").Append(Value);
        }
        if (Source is not null && Key.Length > 0)
        {
            text.Append(" (").Append(Source).Append(')');
        }
        text.Append(": ").Append(Problem);
        if (Suggestion is not null)
        {
            text.Append(". Did you mean '").Append(Suggestion).Append("'?");
        }
        if (Allowed is not null)
        {
            text.Append(Suggestion is null ? ". " : " ").Append("Allowed: ").Append(Allowed);
        }
        return text.ToString();
    }
}
