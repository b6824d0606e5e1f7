using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trainer.Training.Config;

/// <summary>
/// Reads the text of a <c>--set</c> value as the type of its target, so that shells need no JSON quoting for the
/// common cases: strings and enum names are taken as typed (<c>name=demo</c>, <c>train.optimizer=adam_w</c>);
/// numbers accept <c>1e-3</c>, <c>100_000</c> and, for integers, <c>1e4</c>; bools are <c>true</c>/<c>false</c>;
/// <c>null</c> clears a nullable key; arrays, maps and sections are JSON (<c>[1,2]</c>, <c>{"n_layer":4}</c>), except
/// that a list may drop its brackets (<c>1,2</c>) and a list of strings or enum names its quotes (<c>[a,b]</c>).
/// Text that does not fit stays a JSON string, so the binder reports it as a wrong type with the expected one.
/// </summary>
internal static class OverrideValue
{
    /// <summary>The JSON node for <paramref name="text"/> aimed at a property of <paramref name="type"/>.</summary>
    public static JsonNode? Read(ConfigType type, string text, out string? jsonError)
    {
        jsonError = null;
        var trimmed = text.Trim();
        if (trimmed == "null" && type.AllowsNull)
        {
            return null;
        }
        switch (type.Kind)
        {
            case ConfigKind.String:
            case ConfigKind.Enum:
                return JsonValue.Create(Unquote(text));
            case ConfigKind.Bool:
                return bool.TryParse(trimmed, out var b) ? JsonValue.Create(b) : JsonValue.Create(text);
            case ConfigKind.Int:
            case ConfigKind.Long:
                return ReadInteger(trimmed) ?? JsonValue.Create(text);
            case ConfigKind.Float:
            case ConfigKind.Double:
                return ReadReal(trimmed) ?? JsonValue.Create(text);
            default:
                var json = ReadJson(text, out jsonError);
                if (jsonError is not null && type.Kind is ConfigKind.Array or ConfigKind.List
                    && !text.TrimStart().StartsWith('['))
                {
                    var wrapped = ReadJson("[" + text + "]", out var wrappedError);
                    (json, jsonError) = wrappedError is null ? (wrapped, null) : (json, jsonError);
                }
                if (jsonError is not null && type.Element?.Kind is ConfigKind.String or ConfigKind.Enum)
                {
                    jsonError = null;
                    return SplitWords(text);
                }
                return json;
        }
    }

    private static string Unquote(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"')
        {
            try
            {
                return JsonNode.Parse(trimmed)!.GetValue<string>();
            }
            catch (JsonException)
            {
                return text;
            }
        }
        return text;
    }

    private static JsonNode? ReadInteger(string text)
    {
        var plain = DigitsOnly(text);
        if (long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonNode.Parse(whole.ToString(CultureInfo.InvariantCulture));
        }
        // 1e4 is a habit for step counts; accept it when it is a whole number that fits.
        if (double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && real == Math.Floor(real) && Math.Abs(real) < 9e15)
        {
            return JsonNode.Parse(((long)real).ToString(CultureInfo.InvariantCulture));
        }
        return null;
    }

    private static JsonNode? ReadReal(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower is "nan" or "inf" or "+inf" or "-inf" or "infinity" or "+infinity" or "-infinity")
        {
            return JsonValue.Create(lower == "nan" ? "NaN" : lower.StartsWith('-') ? "-Infinity" : "Infinity");
        }
        return double.TryParse(DigitsOnly(text), NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            ? JsonNode.Parse(real.ToString("R", CultureInfo.InvariantCulture))
            : null;
    }

    // Python-style digit grouping (100_000) is allowed between digits only.
    private static string DigitsOnly(string text)
    {
        var chars = text.Where((c, i) => c != '_' || i == 0 || i == text.Length - 1
            || !char.IsDigit(text[i - 1]) || !char.IsDigit(text[i + 1]));
        return new string(chars.ToArray());
    }

    // [a, b] or a,b for a list of strings or enum names: quoting each word in a shell is a chore.
    private static JsonArray SplitWords(string text)
    {
        var inner = text.Trim();
        if (inner.StartsWith('[') && inner.EndsWith(']'))
        {
            inner = inner[1..^1];
        }
        var words = inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new JsonArray(words.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray());
    }

    private static JsonNode? ReadJson(string text, out string? jsonError)
    {
        jsonError = null;
        try
        {
            return JsonText.Parse(text);
        }
        catch (JsonException e)
        {
            jsonError = e.Message;
            return JsonValue.Create(text);
        }
    }
}
