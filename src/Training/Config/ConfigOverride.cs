namespace Trainer.Training.Config;

/// <summary>
/// One <c>--set key=value</c> override: a dotted snake_case key (<c>model.n_layer</c>) and the value text, which is
/// read according to the type of the property it targets (see <see cref="OverrideValue"/>).
/// </summary>
/// <param name="Key">Dotted key path, e.g. <c>train.lr</c>.</param>
/// <param name="Value">Everything after the first '=' (may be empty, may contain '=').</param>
public sealed record ConfigOverride(string Key, string Value)
{
    /// <summary>Splits <c>a.b.c=value</c> at the first '='; throws <see cref="ConfigException"/> when malformed.</summary>
    public static ConfigOverride Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw new ConfigException(new ConfigError(text, null, "an override needs the form key=value",
                "e.g. --set model.n_layer=4", null, ConfigSources.Override));
        }
        var key = text[..equals].Trim();
        if (key.Length == 0 || key.Split('.').Any(s => s.Length == 0))
        {
            throw new ConfigException(new ConfigError(key, text[(equals + 1)..], "an override needs a dotted key: key=value",
                "e.g. --set model.n_layer=4", null, ConfigSources.Override));
        }
        return new ConfigOverride(key, text[(equals + 1)..]);
    }

    /// <summary>The override as typed: <c>key=value</c>.</summary>
    public override string ToString() => $"{Key}={Value}";
}
