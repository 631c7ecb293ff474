using System.Security.Cryptography;
using System.Text;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// The <c>Content-Digest</c> field of RFC 9530: a dictionary from algorithm to the digest of the message content
/// as a byte sequence, for example <c>sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:</c>. A signature that
/// covers <c>content-digest</c> covers the body through it, provided the receiver checks the body with <see cref="Check"/>.
/// </summary>
public static class ContentDigest
{
    /// <summary>The field's name.</summary>
    public const string FieldName = "Content-Digest";

    /// <summary>The field value for <paramref name="content"/>, with one digest.</summary>
    public static string Create(ReadOnlySpan<byte> content, ContentDigestAlgorithm algorithm = ContentDigestAlgorithm.Sha256)
    {
        var builder = new StringBuilder(100).Append(Key(algorithm)).Append('=');
        StructuredFieldWriter.AppendByteSequence(builder, Hash(algorithm, content));
        return builder.ToString();
    }

    /// <summary>
    /// Checks a received field value against the content received: every sha-256 and sha-512 member must match,
    /// at least one must be present, and members for other algorithms are ignored (RFC 9530 section 2).
    /// </summary>
    /// <param name="fieldValue">The field's value (lines combined), or null when the message has none.</param>
    /// <param name="content">The content as received.</param>
    /// <param name="limits">Bounds on the field; <see cref="HttpSignatureLimits.Default"/> when null.</param>
    public static ContentDigestCheck Check(string? fieldValue, ReadOnlySpan<byte> content, HttpSignatureLimits? limits = null)
    {
        if (fieldValue is null)
        {
            return new(ContentDigestOutcome.Missing, "the message has no Content-Digest field");
        }

        if (!StructuredFieldParser.TryParseDictionary(fieldValue, limits ?? HttpSignatureLimits.Default, out var members, out var error))
        {
            return new(ContentDigestOutcome.Malformed, $"Content-Digest is malformed: {error}");
        }

        var matched = new List<string>(2);
        foreach (var member in members)
        {
            ContentDigestAlgorithm? algorithm = member.Key switch
            {
                "sha-256" => ContentDigestAlgorithm.Sha256,
                "sha-512" => ContentDigestAlgorithm.Sha512,
                _ => null,
            };
            if (algorithm is not { } known)
            {
                continue;
            }

            if (member.Item is not { Value.Kind: SfItemKind.ByteSequence } item)
            {
                return new(ContentDigestOutcome.Malformed, $"the {member.Key} member of Content-Digest is not a byte sequence");
            }

            if (!CryptographicOperations.FixedTimeEquals(item.Value.Bytes, Hash(known, content)))
            {
                return new(ContentDigestOutcome.Mismatch, $"the {member.Key} digest of the {content.Length}-byte content differs from Content-Digest");
            }

            matched.Add(member.Key);
        }

        return matched.Count == 0
            ? new(ContentDigestOutcome.NoSupportedAlgorithm, $"Content-Digest has no sha-256 or sha-512 member{(members.Count == 0 ? string.Empty : $" (it has {string.Join(", ", members.Select(m => m.Key))})")}")
            : new(ContentDigestOutcome.Matches, $"the {string.Join(" and ", matched)} digest of the {content.Length}-byte content matches");
    }

    private static string Key(ContentDigestAlgorithm algorithm) => algorithm switch
    {
        ContentDigestAlgorithm.Sha256 => "sha-256",
        ContentDigestAlgorithm.Sha512 => "sha-512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a Content-Digest algorithm."),
    };

    private static byte[] Hash(ContentDigestAlgorithm algorithm, ReadOnlySpan<byte> content) => algorithm switch
    {
        ContentDigestAlgorithm.Sha256 => SHA256.HashData(content),
        ContentDigestAlgorithm.Sha512 => SHA512.HashData(content),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a Content-Digest algorithm."),
    };
}
