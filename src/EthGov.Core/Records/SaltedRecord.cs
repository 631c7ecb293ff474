using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Core.Digests;

namespace EthGov.Core.Records;

/// <summary>
/// A JSON record as a department issues it: <c>{"kind":..,"salt":"0x..","subject":"0x.."|null,"data":{..}}</c>, written
/// in that key order with no whitespace. Its <see cref="Bytes"/> are what is stored and anchored, and its
/// <see cref="Digest"/> is SHA-256 of exactly those bytes. The 32 random bytes of salt make the digest unguessable from
/// likely contents (a name and a birth date would otherwise be found from the public digest by trying them).
/// </summary>
public sealed class SaltedRecord
{
    /// <summary>The salt's length in bytes.</summary>
    public const int SaltSize = 32;

    /// <summary>The media type the record's bytes are stored and served with.</summary>
    public const string MediaType = "application/json";

    private readonly byte[] _salt;
    private readonly byte[] _bytes;

    private SaltedRecord(string kind, byte[] salt, string? subject, JsonElement data, byte[] bytes)
    {
        Kind = kind;
        _salt = salt;
        Subject = subject;
        Data = data;
        _bytes = bytes;
        Digest = new Digest(SHA256.HashData(bytes));
    }

    /// <summary>The record's kind (see <see cref="RecordKind"/>).</summary>
    public string Kind { get; }

    /// <summary>The salt (a copy).</summary>
    public byte[] Salt => _salt.ToArray();

    /// <summary>The subject commitment (see <see cref="SubjectCommitment"/>), or null when the record concerns no one person.</summary>
    public string? Subject { get; }

    /// <summary>The record's data: a JSON object.</summary>
    public JsonElement Data { get; }

    /// <summary>The canonical bytes (a copy).</summary>
    public byte[] Bytes => _bytes.ToArray();

    /// <summary>SHA-256 of <see cref="Bytes"/>: the record's id, anchored on chain.</summary>
    public Digest Digest { get; }

    /// <summary>
    /// A new record with a fresh random salt; <paramref name="subjectAddress"/>, when given, is bound to it through a
    /// commitment under that salt.
    /// </summary>
    /// <exception cref="ArgumentException">The kind is not valid, the address is not one, or <paramref name="data"/> is not a JSON object.</exception>
    public static SaltedRecord Create(string kind, string? subjectAddress, JsonElement data)
        => Create(kind, RandomNumberGenerator.GetBytes(SaltSize), subjectAddress, data);

    /// <summary><see cref="Create(string, string?, JsonElement)"/> with a given salt (to rebuild a record, and in tests).</summary>
    /// <exception cref="ArgumentException">As for the other overload, or the salt is not <see cref="SaltSize"/> bytes.</exception>
    public static SaltedRecord Create(string kind, ReadOnlySpan<byte> salt, string? subjectAddress, JsonElement data)
    {
        var subject = subjectAddress is null ? null : SubjectCommitment.Of(subjectAddress, salt);
        return FromParts(kind, salt.ToArray(), subject, data);
    }

    /// <summary>
    /// Reads a record from its bytes; true only when they are exactly the canonical form of what they hold (so the
    /// digest of the bytes read is the digest of the record rebuilt from them).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out SaltedRecord? record)
    {
        record = null;
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("salt", out var salt) || salt.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("subject", out var subject) || subject.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)
                || !root.TryGetProperty("data", out var data))
            {
                return false;
            }

            var saltText = salt.GetString()!;
            if (saltText.Length != 2 + (2 * SaltSize) || !saltText.StartsWith("0x", StringComparison.Ordinal))
            {
                return false;
            }

            var parsed = FromParts(kind.GetString()!, Convert.FromHexString(saltText.AsSpan(2)), subject.GetString(), data.Clone());
            if (!bytes.SequenceEqual(parsed._bytes))
            {
                return false;
            }

            record = parsed;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static SaltedRecord FromParts(string kind, byte[] salt, string? subject, JsonElement data)
    {
        if (!RecordKind.IsValidName(kind))
        {
            throw new ArgumentException($"'{kind}' is not a record kind: use 1 to {RecordKind.MaxNameLength} characters a-z, 0-9 and '-'", nameof(kind));
        }

        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"a record's salt is {SaltSize} bytes, not {salt.Length}", nameof(salt));
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"a record's data is a JSON object, not {data.ValueKind}", nameof(data));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", kind);
            writer.WriteString("salt", "0x" + Convert.ToHexStringLower(salt));
            if (subject is null)
            {
                writer.WriteNull("subject");
            }
            else
            {
                writer.WriteString("subject", subject);
            }

            writer.WritePropertyName("data");
            data.WriteTo(writer);
            writer.WriteEndObject();
        }

        return new SaltedRecord(kind, salt, subject, data.Clone(), buffer.ToArray());
    }
}
