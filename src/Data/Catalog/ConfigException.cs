namespace Trainer.Data.Catalog;

/// <summary>A data config that cannot be used: an unknown key, a bad value or an invalid combination.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>An exception without a message.</summary>
    public ConfigException()
    {
    }

    /// <summary>An exception with a message naming the key.</summary>
    public ConfigException(string message)
        : base(message)
    {
    }

    /// <summary>An exception wrapping the error that revealed the problem.</summary>
    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
