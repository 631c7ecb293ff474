using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// The evidence file's JSON, written by the grantee's node and read by <c>ethgov audit verify</c>: one writer and one
/// reader, so the two cannot drift. Reading is strict: a member missing or of the wrong form is an
/// <see cref="InvalidDataException"/> naming it.
/// </summary>
public static class EvidenceJson
{
    /// <summary>Largest evidence file read (a request body carries at most a sealed query and a proof).</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly JsonSerializerOptions s_indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The file's bytes (UTF-8, indented).</summary>
    public static byte[] Write(ExchangeEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var entry = evidence.Entry;
        var written = new JsonObject
        {
            ["format"] = ExchangeEvidence.Format,
            ["entry"] = new JsonObject
            {
                ["chainId"] = entry.ChainId,
                ["registry"] = entry.Registry,
                ["grantId"] = entry.GrantId.ToString(CultureInfo.InvariantCulture),
                ["recordId"] = entry.RecordId.ToString(),
                ["holder"] = entry.Holder,
                ["grantee"] = entry.Grantee,
                ["requestId"] = entry.RequestId.ToString(),
                ["queryDigest"] = entry.QueryDigest.ToString(),
                ["hash"] = evidence.EntryHash.ToString(),
            },
            ["log"] = new JsonObject
            {
                ["root"] = evidence.Log.Root.ToString(),
                ["proof"] = Digests(evidence.Log.Proof),
                ["transactionHash"] = evidence.Log.TransactionHash,
                ["blockNumber"] = evidence.Log.BlockNumber,
            },
            ["request"] = RequestOf(evidence.Request),
            ["response"] = new JsonObject
            {
                ["status"] = evidence.Response.Status,
                ["headers"] = Fields(evidence.Response.Headers),
                ["bodyDigest"] = evidence.Response.BodyDigest.ToString(),
            },
            ["contentDigest"] = evidence.ContentDigest.ToString(),
            ["records"] = Digests(evidence.Records),
            ["anchors"] = new JsonArray([.. evidence.Anchors.Select(a => (JsonNode)new JsonObject
            {
                ["record"] = a.Record.ToString(),
                ["root"] = a.Root?.ToString(),
                ["proof"] = Digests(a.Proof),
            })]),
        };
        if (evidence.Erasure is { } erasure)
        {
            written["erased"] = new JsonObject
            {
                ["at"] = erasure.At.ToString("O", CultureInfo.InvariantCulture),
                ["cause"] = erasure.Cause,
            };
        }

        return JsonSerializer.SerializeToUtf8Bytes(written, s_indented);
    }

    // A kept body is written in full; an erased one by its digest, which is what the signed Content-Digest states.
    private static JsonObject RequestOf(EvidenceRequest request)
    {
        var written = new JsonObject
        {
            ["method"] = request.Method,
            ["authority"] = request.Authority,
            ["path"] = request.Path,
            ["headers"] = Fields(request.Headers),
        };
        if (request.Body is { } body)
        {
            written["bodyBase64"] = Convert.ToBase64String(body);
        }
        else
        {
            written["bodyDigest"] = request.BodyDigest.ToString();
        }

        return written;
    }

    /// <summary>Reads an evidence file's bytes.</summary>
    /// <exception cref="InvalidDataException">Not an evidence file, or a member missing or malformed (the message names it).</exception>
    public static ExchangeEvidence Read(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            throw new InvalidDataException($"an evidence file is at most {MaxBytes} bytes");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"not JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("an evidence file is a JSON object");
            }

            if (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() != ExchangeEvidence.Format)
            {
                throw new InvalidDataException($"format \"{format.GetString()}\" is not {ExchangeEvidence.Format}");
            }

            var e = Member(root, "entry", JsonValueKind.Object);
            AccessEntry entry;
            try
            {
                entry = new AccessEntry(
                    Number<ulong>(e, "entry.chainId"),
                    Text(e, "entry.registry"),
                    BigInteger.TryParse(Text(e, "entry.grantId"), NumberStyles.None, CultureInfo.InvariantCulture, out var grant)
                        ? grant : throw new InvalidDataException("entry.grantId is not a decimal number"),
                    DigestOf(e, "entry.recordId"),
                    Number<uint>(e, "entry.holder"),
                    Number<uint>(e, "entry.grantee"),
                    DigestOf(e, "entry.requestId"),
                    DigestOf(e, "entry.queryDigest"));
            }
            catch (Exception ex) when (ex is ArgumentException)
            {
                throw new InvalidDataException($"entry: {ex.Message}");
            }

            var l = Member(root, "log", JsonValueKind.Object);
            var log = new EvidenceLog(
                DigestOf(l, "log.root"),
                DigestList(l, "log.proof", LogInclusion.MaxProofLength),
                l.TryGetProperty("transactionHash", out var tx) && tx.ValueKind == JsonValueKind.String ? tx.GetString() : null,
                Number<ulong>(l, "log.blockNumber"));

            var request = RequestOf(Member(root, "request", JsonValueKind.Object));
            var r = Member(root, "response", JsonValueKind.Object);
            var response = new EvidenceResponse(Number<int>(r, "response.status"), FieldsOf(r, "response.headers"), DigestOf(r, "response.bodyDigest"));
            var records = root.TryGetProperty("records", out _) ? DigestList(root, "records", 10_000) : [];
            return new ExchangeEvidence(entry, DigestOf(e, "entry.hash"), log, request, response, DigestOf(root, "contentDigest"), records)
            {
                Anchors = root.TryGetProperty("anchors", out _) ? AnchorsOf(Member(root, "anchors", JsonValueKind.Array)) : [],
                Erasure = root.TryGetProperty("erased", out _) ? ErasureOf(Member(root, "erased", JsonValueKind.Object)) : null,
            };
        }
    }

    // Exactly one of the two forms: the body kept (bodyBase64), or erased and stated by its digest (bodyDigest).
    private static EvidenceRequest RequestOf(JsonElement q)
    {
        var kept = q.TryGetProperty("bodyBase64", out _);
        var erased = q.TryGetProperty("bodyDigest", out _);
        if (kept == erased)
        {
            throw new InvalidDataException(kept
                ? "request holds both bodyBase64 and bodyDigest (a body is kept or erased, not both)"
                : "request.bodyBase64 (or, once erased, request.bodyDigest) is missing");
        }

        var (method, authority, path, headers) = (Text(q, "request.method"), Text(q, "request.authority"), Text(q, "request.path"), FieldsOf(q, "request.headers"));
        if (erased)
        {
            return new EvidenceRequest(method, authority, path, headers, null) { BodyDigest = DigestOf(q, "request.bodyDigest") };
        }

        try
        {
            return new EvidenceRequest(method, authority, path, headers, Convert.FromBase64String(Text(q, "request.bodyBase64")));
        }
        catch (FormatException)
        {
            throw new InvalidDataException("request.bodyBase64 is not base64");
        }
    }

    private static ContentErasure ErasureOf(JsonElement erased)
        => new(
            DateTimeOffset.TryParseExact(Text(erased, "erased.at"), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? at : throw new InvalidDataException("erased.at is not a date and time (ISO 8601, round-trip form)"),
            Text(erased, "erased.cause"));

    private static EvidenceAnchor[] AnchorsOf(JsonElement list)
    {
        if (list.GetArrayLength() > 10_000)
        {
            throw new InvalidDataException("anchors has more than 10000 elements");
        }

        var anchors = new List<EvidenceAnchor>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("anchors holds a member that is not an object");
            }

            var root = item.TryGetProperty("root", out var r) && r.ValueKind == JsonValueKind.String ? DigestOf(item, "anchors.root") : (Digest?)null;
            anchors.Add(new EvidenceAnchor(DigestOf(item, "anchors.record"), root, DigestList(item, "anchors.proof", LogInclusion.MaxProofLength)));
        }

        return [.. anchors];
    }

    private static JsonArray Digests(IEnumerable<Digest> digests) => [.. digests.Select(d => (JsonNode)d.ToString())];

    private static JsonObject Fields(IReadOnlyDictionary<string, string> fields)
    {
        var written = new JsonObject();
        foreach (var (name, value) in fields)
        {
            written[name.ToLowerInvariant()] = value;
        }

        return written;
    }

    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static JsonElement Member(JsonElement parent, string path, JsonValueKind kind)
        => parent.TryGetProperty(Leaf(path), out var member) && member.ValueKind == kind
            ? member
            : throw new InvalidDataException($"{path} is missing or not a{(kind == JsonValueKind.Object ? "n object" : kind == JsonValueKind.Array ? "n array" : kind == JsonValueKind.Number ? " number" : " string")}");

    private static string Text(JsonElement parent, string path) => Member(parent, path, JsonValueKind.String).GetString()!;

    private static T Number<T>(JsonElement parent, string path)
        where T : IBinaryInteger<T>
    {
        var member = Member(parent, path, JsonValueKind.Number);
        return T.TryParse(member.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{path} is not a whole number in range");
    }

    private static Digest DigestOf(JsonElement parent, string path)
        => Digest.TryParse(Text(parent, path), out var digest) ? digest : throw new InvalidDataException($"{path} is not a digest (0x + 64 hex digits)");

    private static Digest[] DigestList(JsonElement parent, string path, int max)
    {
        var list = Member(parent, path, JsonValueKind.Array);
        if (list.GetArrayLength() > max)
        {
            throw new InvalidDataException($"{path} has more than {max} elements");
        }

        var digests = new Digest[list.GetArrayLength()];
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            digests[i++] = item.ValueKind == JsonValueKind.String && Digest.TryParse(item.GetString(), out var d)
                ? d
                : throw new InvalidDataException($"{path}[{i - 1}] is not a digest");
        }

        return digests;
    }

    private static Dictionary<string, string> FieldsOf(JsonElement parent, string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in Member(parent, path, JsonValueKind.Object).EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.String)
            {
                fields[member.Name] = member.Value.GetString()!;
            }
            else if (member.Value.ValueKind != JsonValueKind.Null)
            {
                throw new InvalidDataException($"{path}.{member.Name} is not a string");
            }
        }

        return fields;
    }
}
