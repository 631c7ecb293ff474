using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.Core.Receipts;

/// <summary>
/// Reads a receipt from JSON that anyone may have edited, and reports every problem with its path
/// instead of throwing: a citizen pasting a damaged receipt should learn what is wrong with it.
/// </summary>
/// <remarks>
/// Accepts what <c>schemas/receipt.schema.json</c> accepts, and additionally checks that the receipt
/// is consistent with itself: the batch proof recomputes the root from the digest, the proof length
/// fits the batch size, and the validity ends after anchoring. The document walk is written out rather
/// than left to the serializer because the serializer stops at the first problem and names it vaguely.
/// </remarks>
public static partial class ReceiptReader
{
    /// <summary>Most problems reported for one receipt; the reader stops looking after them.</summary>
    public const int MaxErrors = 20;

    private const string RootPath = "receipt";

    // Longest property name repeated in a problem: the name of an unknown property is whatever the sender chose.
    private const int MaxNameLength = 40;

    private static readonly string[] s_topLevelProperties =
    [
        "version", "digest", "issuer", "chainId", "registry", "transactionHash",
        "blockNumber", "blockHash", "anchoredAt", "validUntil", "batch",
    ];

    private static readonly string[] s_issuerProperties = ["id", "code", "name"];

    private static readonly string[] s_batchProperties = ["root", "proof", "documentCount"];

    /// <summary>Parses and checks a receipt; never throws on bad input.</summary>
    public static ReceiptParseResult Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ReceiptParseResult.Failure([new(ReceiptFault.EmptyDocument, RootPath)], false);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return ReceiptParseResult.Failure(
                [new(ReceiptFault.NotJson, RootPath, null, Position(e.LineNumber), Position(e.BytePositionInLine))], false);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    /// <summary>Parses and checks a receipt already read as JSON (for example a property of a request); never throws on bad input.</summary>
    public static ReceiptParseResult Parse(JsonElement json)
    {
        var errors = new ReceiptProblems();
        var receipt = ReadReceipt(json, errors);
        if (receipt is not null)
        {
            CheckConsistency(receipt, errors);
        }

        return errors.Count == 0 && receipt is not null
            ? ReceiptParseResult.Success(receipt)
            : ReceiptParseResult.Failure(errors.Items, errors.Truncated);
    }

    private static Receipt? ReadReceipt(JsonElement root, ReceiptProblems errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(ReceiptFault.NotAnObject, RootPath, ReceiptValue.Of(root)));
            return null;
        }

        // The version decides what every other property means, so nothing else is read when it is wrong.
        var version = ReadUInt(root, RootPath, "version", 0, int.MaxValue, errors);
        if (version is null)
        {
            return null;
        }

        if (version != Receipt.CurrentVersion)
        {
            errors.Add(new(ReceiptFault.UnsupportedVersion, RootPath + ".version", null, Number(version.Value)));
            return null;
        }

        RejectUnknown(root, RootPath, s_topLevelProperties, errors);
        var digest = ReadDigest(root, RootPath, "digest", errors);
        var issuer = ReadIssuer(root, errors);
        var chainId = ReadUInt(root, RootPath, "chainId", 1, ulong.MaxValue, errors);
        var registry = ReadAddress(root, RootPath, "registry", errors);
        var transactionHash = ReadDigest(root, RootPath, "transactionHash", errors);
        var blockNumber = ReadUInt(root, RootPath, "blockNumber", 0, ulong.MaxValue, errors);
        var blockHash = ReadDigest(root, RootPath, "blockHash", errors);
        var anchoredAt = ReadDateTime(root, RootPath, "anchoredAt", errors);
        var validUntil = root.TryGetProperty("validUntil", out _)
            ? ReadDateTime(root, RootPath, "validUntil", errors)
            : null;
        var batch = root.TryGetProperty("batch", out _) ? ReadBatch(root, errors) : null;

        if (errors.Count > 0)
        {
            return null;
        }

        return new Receipt
        {
            Version = (int)version,
            Digest = digest!.Value,
            Issuer = issuer!,
            ChainId = chainId!.Value,
            Registry = registry!,
            TransactionHash = transactionHash!.Value,
            BlockNumber = blockNumber!.Value,
            BlockHash = blockHash!.Value,
            AnchoredAt = anchoredAt!.Value,
            ValidUntil = validUntil,
            Batch = batch,
        };
    }

    private static ReceiptIssuer? ReadIssuer(JsonElement root, ReceiptProblems errors)
    {
        const string IssuerPath = RootPath + ".issuer";
        if (!TryGetObject(root, RootPath, "issuer", errors, out var issuer))
        {
            return null;
        }

        RejectUnknown(issuer, IssuerPath, s_issuerProperties, errors);
        var id = ReadUInt(issuer, IssuerPath, "id", 1, uint.MaxValue, errors);
        var code = ReadText(issuer, IssuerPath, "code", errors);
        var name = ReadText(issuer, IssuerPath, "name", errors);
        return id is null || code is null || name is null ? null : new ReceiptIssuer((uint)id, code, name);
    }

    private static ReceiptBatch? ReadBatch(JsonElement root, ReceiptProblems errors)
    {
        const string BatchPath = RootPath + ".batch";
        if (!TryGetObject(root, RootPath, "batch", errors, out var batch))
        {
            return null;
        }

        RejectUnknown(batch, BatchPath, s_batchProperties, errors);
        var batchRoot = ReadDigest(batch, BatchPath, "root", errors);
        var count = ReadUInt(batch, BatchPath, "documentCount", 1, uint.MaxValue, errors);
        List<Digest>? proof = null;
        if (!batch.TryGetProperty("proof", out var proofElement))
        {
            errors.Add(new(ReceiptFault.MissingProperty, BatchPath, null, "proof"));
        }
        else if (proofElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(ReceiptFault.ArrayExpected, BatchPath + ".proof", ReceiptValue.Of(proofElement)));
        }
        else if (proofElement.GetArrayLength() is var length && length > ReceiptBatch.MaxProofLength)
        {
            // Refused before any element is read: no valid receipt has a longer proof, and a hostile one may have millions.
            errors.Add(new(ReceiptFault.ProofTooLong, BatchPath + ".proof", null, Number(length), Number(ReceiptBatch.MaxProofLength)));
        }
        else
        {
            proof = [];
            int i = 0;
            foreach (var element in proofElement.EnumerateArray())
            {
                var sibling = ToDigest(element, $"{BatchPath}.proof[{i}]", errors);
                if (sibling is not null)
                {
                    proof.Add(sibling.Value);
                }

                i++;
            }

            if (proof.Count != i)
            {
                proof = null;
            }
        }

        return batchRoot is null || count is null || proof is null
            ? null
            : new ReceiptBatch(batchRoot.Value, proof, (uint)count);
    }

    private static void CheckConsistency(Receipt receipt, ReceiptProblems errors)
    {
        if (receipt.ValidUntil is { } validUntil && validUntil <= receipt.AnchoredAt)
        {
            // The registry refuses a validUntil that is not in the future when anchoring.
            errors.Add(new(ReceiptFault.ValidUntilNotAfterAnchoring, RootPath + ".validUntil"));
        }

        if (receipt.Batch is not { } batch)
        {
            return;
        }

        var (min, max) = MerkleTree.ProofLengthRange(batch.DocumentCount);
        if (batch.Proof.Count < min || batch.Proof.Count > max)
        {
            errors.Add(new(ReceiptFault.ProofLengthMismatch, RootPath + ".batch.proof", null,
                Number(batch.Proof.Count), Number(batch.DocumentCount), Number(min), Number(max)));
            return;
        }

        var computed = MerkleTree.ComputeRoot(receipt.Digest, batch.Proof.ToArray());
        if (computed != batch.Root)
        {
            errors.Add(new(ReceiptFault.ProofWrongRoot, RootPath + ".batch.proof", null, computed.ToString()));
        }
    }

    private static void RejectUnknown(JsonElement obj, string path, string[] known, ReceiptProblems errors)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                errors.Add(new(ReceiptFault.UnknownProperty, $"{path}.{ReceiptError.Shorten(property.Name, MaxNameLength)}"));
                if (errors.Truncated)
                {
                    return;
                }
            }
        }
    }

    private static bool TryGetObject(JsonElement parent, string path, string name, ReceiptProblems errors, out JsonElement value)
    {
        if (!parent.TryGetProperty(name, out value))
        {
            errors.Add(new(ReceiptFault.MissingProperty, path, null, name));
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(ReceiptFault.ObjectExpected, $"{path}.{name}", ReceiptValue.Of(value)));
            return false;
        }

        return true;
    }

    private static bool TryGetRequired(JsonElement parent, string path, string name, ReceiptProblems errors, out JsonElement value)
    {
        if (parent.TryGetProperty(name, out value))
        {
            return true;
        }

        errors.Add(new(ReceiptFault.MissingProperty, path, null, name));
        return false;
    }

    private static ulong? ReadUInt(JsonElement parent, string path, string name, ulong min, ulong max, ReceiptProblems errors)
    {
        if (!TryGetRequired(parent, path, name, errors, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out ulong number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(new(ReceiptFault.IntegerExpected, $"{path}.{name}", ReceiptValue.Of(value), Number(min), Number(max)));
        return null;
    }

    private static string? ReadText(JsonElement parent, string path, string name, ReceiptProblems errors)
    {
        if (!TryGetRequired(parent, path, name, errors, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        errors.Add(new(ReceiptFault.TextExpected, $"{path}.{name}", ReceiptValue.Of(value)));
        return null;
    }

    private static Digest? ReadDigest(JsonElement parent, string path, string name, ReceiptProblems errors) =>
        TryGetRequired(parent, path, name, errors, out var value) ? ToDigest(value, $"{path}.{name}", errors) : null;

    private static Digest? ToDigest(JsonElement value, string path, ReceiptProblems errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(ReceiptFault.DigestExpected, path, ReceiptValue.Of(value)));
            return null;
        }

        if (!Digest.TryParse(value.GetString(), out var digest, out var problem))
        {
            errors.Add(new(ReceiptFault.DigestInvalid, path, null, problem));
            return null;
        }

        return digest;
    }

    private static string? ReadAddress(JsonElement parent, string path, string name, ReceiptProblems errors)
    {
        if (!TryGetRequired(parent, path, name, errors, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && AddressPattern().IsMatch(text))
        {
            return text;
        }

        errors.Add(new(ReceiptFault.AddressExpected, $"{path}.{name}", ReceiptValue.Of(value)));
        return null;
    }

    private static DateTimeOffset? ReadDateTime(JsonElement parent, string path, string name, ReceiptProblems errors)
    {
        if (!TryGetRequired(parent, path, name, errors, out var value))
        {
            return null;
        }

        // RFC 3339, as the schema's pattern says; DateTimeOffset.TryParse alone would also take
        // local, offset-less forms whose meaning depends on the reader's time zone.
        if (value.ValueKind == JsonValueKind.String
            && value.GetString() is { } text
            && DateTimePattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(new(ReceiptFault.DateTimeExpected, $"{path}.{name}", ReceiptValue.Of(value)));
        return null;
    }

    // JsonException counts from 0; people count lines and bytes from 1.
    private static string Position(long? zeroBased) => zeroBased is { } n ? Number(n + 1) : "";

    private static string Number<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();
}
