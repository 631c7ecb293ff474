using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthGov.Core.Digests;

/// <summary>Reads and writes a <see cref="Digest"/> as its <c>0x</c> + 64 hex digit string.</summary>
public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    /// <inheritdoc />
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a 0x + 64 hex digit string.");
        }

        if (!Digest.TryParse(reader.GetString(), out var digest, out var error))
        {
            throw new JsonException($"Invalid digest: {error}.");
        }

        return digest;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options)
    {
        Span<char> text = stackalloc char[Digest.TextLength];
        value.TryFormat(text, out _, default, null);
        writer.WriteStringValue(text);
    }
}
