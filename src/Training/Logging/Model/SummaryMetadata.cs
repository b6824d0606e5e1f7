namespace Trainer.Training.Logging.Model;

/// <summary>
/// <c>SummaryMetadata</c>: plugin_data {plugin_name (1), content (2)} (field 1), display_name (2),
/// summary_description (3), data_class (4: 0 unknown, 1 scalar, 2 tensor, 3 blob sequence).
/// </summary>
public sealed record SummaryMetadata(string PluginName, byte[] PluginContent)
{
    /// <summary>Display name (field 2).</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>Markdown description (field 3).</summary>
    public string Description { get; init; } = "";

    /// <summary>DataClass enum value (field 4).</summary>
    public int DataClass { get; init; }
}
