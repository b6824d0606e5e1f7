namespace Trainer.Training.Config;

/// <summary>Help text for a config property, shown by <c>trainer config keys</c> (see <see cref="ConfigKeys"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = false)]
public sealed class DescriptionAttribute : Attribute
{
    /// <summary>Sets the help text.</summary>
    public DescriptionAttribute(string text)
    {
        Text = text;
    }

    /// <summary>The help text.</summary>
    public string Text { get; }
}
