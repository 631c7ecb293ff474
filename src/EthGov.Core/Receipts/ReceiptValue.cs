using System.Text.Json;

namespace EthGov.Core.Receipts;

/// <summary>
/// What a receipt holds where something else was expected, as a problem names it: the JSON kind, and for a string or
/// a number its text, cut so a pasted megabyte does not come back.
/// </summary>
/// <param name="Kind">The JSON kind; <see cref="JsonValueKind.Undefined"/> for nothing.</param>
/// <param name="Text">The string's or number's text, shortened; null for other kinds.</param>
public sealed record ReceiptValue(JsonValueKind Kind, string? Text)
{
    /// <summary><paramref name="value"/> as a problem names it.</summary>
    public static ReceiptValue Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new(JsonValueKind.String, ReceiptError.Shorten(value.GetString() ?? string.Empty)),
        JsonValueKind.Number => new(JsonValueKind.Number, ReceiptError.Shorten(value.GetRawText())),
        var kind => new(kind, null),
    };

    /// <summary>In English: <c>"text"</c>, <c>number 5</c>, <c>a boolean</c>, <c>null</c>, <c>an array</c>, <c>an object</c>.</summary>
    public override string ToString() => Kind switch
    {
        JsonValueKind.String => $"\"{Text}\"",
        JsonValueKind.Number => $"number {Text}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}
