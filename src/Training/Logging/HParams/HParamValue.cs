using System.Globalization;

namespace Trainer.Training.Logging.HParams;

/// <summary>
/// A hyperparameter value for the hparams plugin: a number (stored as float64, as PyTorch stores ints and
/// floats), a string or a bool. Maps to <c>google.protobuf.Value</c> number_value (2), string_value (3) or
/// bool_value (4).
/// </summary>
public readonly record struct HParamValue
{
    private HParamValue(HParamKind kind, double number, string? text, bool flag)
    {
        Kind = kind;
        Number = number;
        Text = text;
        Flag = flag;
    }

    /// <summary>Which member is set.</summary>
    public HParamKind Kind { get; }

    /// <summary>The number, when <see cref="Kind"/> is Number.</summary>
    public double Number { get; }

    /// <summary>The string, when <see cref="Kind"/> is String.</summary>
    public string? Text { get; }

    /// <summary>The bool, when <see cref="Kind"/> is Bool.</summary>
    public bool Flag { get; }

    /// <summary>A number value.</summary>
    public static HParamValue FromNumber(double value) => new(HParamKind.Number, value, null, false);

    /// <summary>A string value.</summary>
    public static HParamValue FromString(string value) => new(HParamKind.String, 0, value, false);

    /// <summary>A bool value.</summary>
    public static HParamValue FromBool(bool value) => new(HParamKind.Bool, 0, null, value);

    /// <summary>Number from double.</summary>
    public static implicit operator HParamValue(double value) => FromNumber(value);

    /// <summary>Number from int.</summary>
    public static implicit operator HParamValue(int value) => FromNumber(value);

    /// <summary>Number from long.</summary>
    public static implicit operator HParamValue(long value) => FromNumber(value);

    /// <summary>String.</summary>
    public static implicit operator HParamValue(string value) => FromString(value);

    /// <summary>Bool.</summary>
    public static implicit operator HParamValue(bool value) => FromBool(value);

    /// <summary>Invariant text form: the number ("R"), the string, or true/false.</summary>
    public override string ToString() => Kind switch
    {
        HParamKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        HParamKind.String => Text ?? "",
        _ => Flag ? "true" : "false",
    };
}

/// <summary>The type of an <see cref="HParamValue"/> (hparams api.proto DataType: FLOAT64 3, STRING 1, BOOL 2).</summary>
public enum HParamKind
{
    /// <summary>DATA_TYPE_FLOAT64.</summary>
    Number,

    /// <summary>DATA_TYPE_STRING.</summary>
    String,

    /// <summary>DATA_TYPE_BOOL.</summary>
    Bool,
}
