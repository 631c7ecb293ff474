using System.Text.Json;

namespace EthGov.Core.Receipts;

/// <summary>Writes receipts in the JSON form that <see cref="ReceiptReader"/> and the JSON Schema accept.</summary>
public static class ReceiptWriter
{
    /// <summary>The receipt as indented camelCase JSON.</summary>
    public static string ToJson(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return JsonSerializer.Serialize(receipt, ReceiptJsonContext.Default.Receipt);
    }
}
