using System.Text.Json.Serialization;

namespace EthGov.Core.Receipts;

/// <summary>
/// Source-generated System.Text.Json metadata for <see cref="Receipt"/>: camelCase names, absent
/// optional members left out. Add it to a resolver chain to serialize receipts elsewhere the same way.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(Receipt))]
public sealed partial class ReceiptJsonContext : JsonSerializerContext;
