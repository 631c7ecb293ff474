using System.Globalization;
using System.Text.Json;

namespace EthGov.Api.Problems;

/// <summary>
/// A JSON reader's refusal as a value of a detail sentence: any format gives the serializer's own English message,
/// <c>{0:zh}</c> only where it stopped (line and byte, counted from 1), since the message itself is English.
/// </summary>
public sealed class JsonErrorPlace(JsonException? error) : IFormattable
{
    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => format != "zh" ? ToString()
        : error is { LineNumber: { } line, BytePositionInLine: { } position }
            ? string.Format(CultureInfo.InvariantCulture, "第 {0} 行，第 {1} 字节", line + 1, position + 1)
            : "位置不明";

    /// <inheritdoc />
    public override string ToString() => error?.Message ?? "";
}
