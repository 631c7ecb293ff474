using System.Text.Json;
using EthGov.Core.Receipts;

namespace EthGov.Api.Receipts;

/// <summary>
/// What a receipt holds where something else was expected (<see cref="ReceiptValue"/>) as a value of a detail sentence:
/// <c>{0:zh}</c> says its kind in Chinese, any other format in the reader's English. A string's or a number's text stays as it is.
/// </summary>
public sealed class ReceiptFound(ReceiptValue? value) : IFormattable
{
    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => format != "zh" ? ToString() : value?.Kind switch
    {
        JsonValueKind.String => $"\"{value.Text}\"",
        JsonValueKind.Number => $"数字 {value.Text}",
        JsonValueKind.True or JsonValueKind.False => "布尔值",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "数组",
        JsonValueKind.Object => "对象",
        _ => "空值",
    };

    /// <inheritdoc />
    public override string ToString() => value?.ToString() ?? "nothing";
}
