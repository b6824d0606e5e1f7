namespace Trainer.Torch.Io;

/// <summary>
/// A safetensors file or buffer breaks a rule of the format. The message reads
/// <c>"&lt;file&gt;: tensor '&lt;name&gt;': &lt;what is wrong&gt;. &lt;what to do&gt;"</c>
/// (without the tensor part when the problem is not about one tensor).
/// </summary>
public sealed class SafeTensorsFormatException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SafeTensorsFormatException()
        : this("<unknown>", null, "the safetensors data is invalid", "")
    {
    }

    /// <summary>Creates the exception with a free-form problem description.</summary>
    public SafeTensorsFormatException(string message)
        : this("<unknown>", null, message, "")
    {
    }

    /// <summary>Creates the exception with a free-form problem description and its cause.</summary>
    public SafeTensorsFormatException(string message, Exception innerException)
        : this("<unknown>", null, message, "", innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="filePath"/> (and <paramref name="tensorName"/> if any).</summary>
    /// <param name="filePath">The file (or a description of the buffer) that was read.</param>
    /// <param name="tensorName">The tensor the problem is about, or null.</param>
    /// <param name="problem">What is wrong, without a final period.</param>
    /// <param name="remedy">What the user can do about it.</param>
    /// <param name="innerException">The underlying error, e.g. the JSON parser's.</param>
    public SafeTensorsFormatException(
        string filePath, string? tensorName, string problem, string remedy, Exception? innerException = null)
        : base(Compose(filePath, tensorName, problem, remedy), innerException)
    {
        FilePath = filePath;
        TensorName = tensorName;
        Problem = problem;
    }

    /// <summary>The file (or buffer description) that was read.</summary>
    public string FilePath { get; }

    /// <summary>The tensor the problem is about; null when it concerns the whole file.</summary>
    public string? TensorName { get; }

    /// <summary>What is wrong, without the file name or remedy.</summary>
    public string Problem { get; }

    private static string Compose(string filePath, string? tensorName, string problem, string remedy)
    {
        var where = tensorName is null ? filePath : $"{filePath}: tensor '{tensorName}'";
        return remedy.Length == 0 ? $"{where}: {problem}." : $"{where}: {problem}. {remedy}";
    }
}
