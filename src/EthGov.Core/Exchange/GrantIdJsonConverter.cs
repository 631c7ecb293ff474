using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthGov.Core.Exchange;

/// <summary>
/// A grant id (uint256) in JSON as a decimal string, as the grant routes write it: a JSON number could not carry
/// 78 digits through every parser unchanged.
/// </summary>
public sealed class GrantIdJsonConverter : JsonConverter<BigInteger>
{
    /// <summary>Most digits of a uint256.</summary>
    public const int MaxDigits = 78;

    /// <summary>Parses a decimal grant id: digits only, at most 78, below 2^256.</summary>
    public static bool TryParse(string? text, out BigInteger id)
    {
        id = BigInteger.Zero;
        return text is { Length: > 0 and <= MaxDigits }
            && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id < BigInteger.One << 256;
    }

    /// <inheritdoc />
    public override BigInteger Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A grant id is a decimal string.");
        }

        return TryParse(reader.GetString(), out var id) ? id : throw new JsonException("A grant id is a decimal string of a uint256.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, BigInteger value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
