namespace Trainer.Training.Config;

/// <summary>What a config property holds, as far as binding cares.</summary>
internal enum ConfigKind
{
    Bool,
    Int,
    Long,
    Float,
    Double,
    String,
    Enum,
    Array,
    List,
    Dictionary,
    Record,
}

/// <summary>
/// The binding view of a CLR type: its kind, the element type of a collection, and whether null is allowed.
/// Supported: bool, int, long, float, double, string, enums, T[], List&lt;T&gt; / IReadOnlyList&lt;T&gt;,
/// Dictionary&lt;string,T&gt; / IReadOnlyDictionary&lt;string,T&gt;, Nullable&lt;T&gt;, and records (classes with a
/// public parameterless constructor and settable or init properties).
/// </summary>
internal sealed record ConfigType(Type Clr, ConfigKind Kind, bool AllowsNull, ConfigType? Element)
{
    /// <summary>Classifies <paramref name="type"/>; <paramref name="allowsNull"/> comes from nullability metadata.</summary>
    public static ConfigType Of(Type type, bool allowsNull)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Of(underlying, allowsNull: true);
        }
        var scalar = ScalarKind(type);
        if (scalar is not null)
        {
            return new ConfigType(type, scalar.Value, allowsNull, null);
        }
        if (type.IsArray && type.GetArrayRank() == 1)
        {
            return new ConfigType(type, ConfigKind.Array, allowsNull, ElementOf(type.GetElementType()!));
        }
        if (type.IsGenericType)
        {
            var generic = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            if (generic == typeof(List<>) || generic == typeof(IReadOnlyList<>) || generic == typeof(IList<>)
                || generic == typeof(IEnumerable<>) || generic == typeof(IReadOnlyCollection<>))
            {
                return new ConfigType(type, ConfigKind.List, allowsNull, ElementOf(args[0]));
            }
            if ((generic == typeof(Dictionary<,>) || generic == typeof(IReadOnlyDictionary<,>)
                    || generic == typeof(IDictionary<,>)) && args[0] == typeof(string))
            {
                return new ConfigType(type, ConfigKind.Dictionary, allowsNull, ElementOf(args[1]));
            }
        }
        // A section is one of our records: not object, not a framework class (JsonObject, StringBuilder ...).
        var framework = type == typeof(object) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true;
        if (type.IsClass && !type.IsAbstract && !framework && type.GetConstructor(Type.EmptyTypes) is not null)
        {
            return new ConfigType(type, ConfigKind.Record, allowsNull, null);
        }
        throw new NotSupportedException(
            $"config type {type.Name} is not supported: use bool, int, long, float, double, string, an enum, an array, "
            + "a list, a string-keyed dictionary or a record with a public parameterless constructor");
    }

    /// <summary>A short human name: <c>int</c>, <c>double?</c>, <c>int[]</c>, <c>enum Optimizer</c>, <c>record ModelSection</c>.</summary>
    public string Display => Kind switch
    {
        ConfigKind.Array or ConfigKind.List => Element!.Display + "[]" + (AllowsNull ? "?" : ""),
        ConfigKind.Dictionary => "map<string, " + Element!.Display + ">" + (AllowsNull ? "?" : ""),
        ConfigKind.Enum => "enum " + Clr.Name + (AllowsNull ? "?" : ""),
        ConfigKind.Record => "section " + Clr.Name + (AllowsNull ? "?" : ""),
        _ => Kind.ToString().ToLowerInvariant() + (AllowsNull ? "?" : ""),
    };

    /// <summary>What a value of this type looks like, for "expected ..." messages.</summary>
    public string Expected => Kind switch
    {
        ConfigKind.Bool => "true or false (bool)",
        ConfigKind.Int => $"a whole number from {int.MinValue} to {int.MaxValue} (int)",
        ConfigKind.Long => "a whole number (long)",
        ConfigKind.Float or ConfigKind.Double => $"a number ({Kind.ToString().ToLowerInvariant()})",
        ConfigKind.String => "a string",
        ConfigKind.Enum => $"one of {string.Join(", ", KeyNames.EnumNames(Clr))}",
        ConfigKind.Array or ConfigKind.List => $"a JSON array of {Element!.Display}, e.g. [1, 2]",
        ConfigKind.Dictionary => $"a JSON object of {Element!.Display} values",
        _ => $"a JSON object (section {Clr.Name})",
    } + (AllowsNull ? " or null" : "");

    // Collection elements are never null unless their type says so (int?[]): reference-type element
    // nullability is not visible through reflection on generic arguments, so non-null is the safe default.
    private static ConfigType ElementOf(Type type) => Of(type, allowsNull: false);

    private static ConfigKind? ScalarKind(Type type)
    {
        if (type.IsEnum)
        {
            return ConfigKind.Enum;
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => ConfigKind.Bool,
            TypeCode.Int32 => ConfigKind.Int,
            TypeCode.Int64 => ConfigKind.Long,
            TypeCode.Single => ConfigKind.Float,
            TypeCode.Double => ConfigKind.Double,
            TypeCode.String => ConfigKind.String,
            _ => null,
        };
    }
}
