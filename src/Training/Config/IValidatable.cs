namespace Trainer.Training.Config;

/// <summary>
/// A config record with rules that span several properties (e.g. <c>n_embd % n_head == 0</c>). Called once per
/// record after binding and attribute checks; return nothing when the record is fine.
/// </summary>
public interface IValidatable
{
    /// <summary>Problems with this record; keys are relative to the record (<c>n_embd</c>, not <c>model.n_embd</c>).</summary>
    IEnumerable<ValidationProblem> Validate();
}

/// <summary>A cross-field problem reported by <see cref="IValidatable.Validate"/>.</summary>
/// <param name="Key">snake_case key relative to the record, or the C# property name; both are accepted.</param>
/// <param name="Value">The offending value (written as JSON in the message).</param>
/// <param name="Allowed">What would be accepted, e.g. <c>a multiple of n_head (6)</c>.</param>
public sealed record ValidationProblem(string Key, object? Value, string Allowed);
