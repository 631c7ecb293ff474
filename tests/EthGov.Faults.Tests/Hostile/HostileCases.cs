using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthGov.Api.Auth;
using EthGov.Application.ApiKeys;

namespace EthGov.Faults.Tests.Hostile;

/// <summary>Generates the hostile requests: every endpoint crossed with malformed values of each kind.</summary>
public static class HostileCases
{
    private static readonly string s_hex64 = new('a', 64);

    /// <summary>Digest texts that are not 0x + 64 hex digits, as JSON values.</summary>
    public static IReadOnlyList<JsonNode?> BadDigests { get; } =
    [
        "", "0x", "0x1", "0x" + s_hex64[..63], "0x" + s_hex64 + "a", "0x" + s_hex64[..62], s_hex64, "0X" + s_hex64 + "00",
        "0x" + new string('g', 64), "0x" + new string('z', 64), "0x" + s_hex64[..63] + "\u0000", "0x" + s_hex64[..60] + "\u202e" + "abc",
        " 0x" + s_hex64, "0x" + s_hex64 + " ", "0x" + s_hex64[..32] + "\n" + s_hex64[..31], "0x" + new string('\u0661', 64),
        "0x" + new string('ａ', 64), "0x" + string.Concat(Enumerable.Repeat("\U0001F600", 32)), "0x-" + s_hex64[..63], "0x+" + s_hex64[..63],
        "0x" + new string('a', 10_000), new string('0', 100_000), "%00", "../../etc/passwd", "0x" + s_hex64[..30] + "/" + s_hex64[..33],
        "null", "undefined", "NaN", "\u0000\u0001\u0002\u001f", "\ud800", "0x" + s_hex64[..63] + "\u0301",
        JsonValue.Create(123), JsonValue.Create(-1), JsonValue.Create(1e308), JsonValue.Create(true), new JsonArray("0x" + s_hex64), new JsonObject { ["x"] = 1 }, null,
    ];

    /// <summary>Bodies that are not the JSON an endpoint expects.</summary>
    public static IReadOnlyList<(string Name, byte[] Body)> MalformedBodies { get; } =
    [
        ("empty", []), ("open brace", "{"u8.ToArray()), ("open bracket", "["u8.ToArray()), ("truncated", "{\"digest\":"u8.ToArray()),
        ("trailing comma", Encoding.UTF8.GetBytes("{\"digest\":\"0x" + s_hex64 + "\",}")), ("single quotes", "{'digest':'x'}"u8.ToArray()),
        ("bare word", "nul"u8.ToArray()), ("a string", "\"0x\""u8.ToArray()), ("an array", "[1,2,3]"u8.ToArray()),
        ("invalid UTF-8", [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), ("NUL bytes", [0x7b, 0x00, 0x00, 0x7d]),
        ("deep nesting", Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000))),
        ("duplicate keys", Encoding.UTF8.GetBytes("{\"digest\":\"0x" + s_hex64 + "\",\"digest\":5}")),
        ("huge number", "{\"reason\":1e999999}"u8.ToArray()), ("comment", "{/* */}"u8.ToArray()),
        ("bare true", "true"u8.ToArray()), ("bare number", "42"u8.ToArray()),
    ];

    /// <summary>Every case, with <paramref name="key"/> a valid department key and <paramref name="anchored"/> a digest the API anchored.</summary>
    public static IEnumerable<HostileCase> All(string key, string anchored, string receiptJson)
    {
        string[] jsonWrites =
        [
            "/api/v1/documents", "/api/v1/documents/batch", $"/api/v1/documents/{anchored}/revocation", $"/api/v1/documents/{anchored}/supersession",
            "/api/v1/grants", "/api/v1/grants/kinds", "/api/v1/departments/proposals",
        ];
        var future = DateTimeOffset.UtcNow.AddDays(30);

        // Malformed digests in every place a digest goes.
        foreach (var bad in BadDigests)
        {
            var label = Describe(bad);
            yield return Post("digest", $"anchor {label}", "/api/v1/documents", key, new JsonObject { ["digest"] = bad?.DeepClone() });
            yield return Post("digest", $"batch [{label}]", "/api/v1/documents/batch", key, new JsonObject { ["digests"] = new JsonArray(bad?.DeepClone()) });
            yield return Post("digest", $"batch [good, {label}]", "/api/v1/documents/batch", key, new JsonObject { ["digests"] = new JsonArray(Fresh(), bad?.DeepClone()) });
            yield return Post("digest", $"verify {label}", "/api/v1/verify", null, new JsonObject { ["digest"] = bad?.DeepClone() });
            yield return Post("digest", $"supersede by {label}", $"/api/v1/documents/{anchored}/supersession", key, new JsonObject { ["newDigest"] = bad?.DeepClone() });
            yield return Post("digest", $"grant record {label}", "/api/v1/grants", key, Grant(bad?.DeepClone(), future));
            yield return Post("digest", $"grant legal basis {label}", "/api/v1/grants", key, new JsonObject
            {
                ["recordId"] = anchored, ["granteeDepartment"] = "HEALTH", ["purpose"] = 1, ["expiresAt"] = future, ["legalBasis"] = bad?.DeepClone(),
            });
            yield return Post("digest", $"kind grant legal basis {label}", "/api/v1/grants/kinds", key, new JsonObject
            {
                ["kind"] = "birth-certificate", ["granteeDepartment"] = "HEALTH", ["purpose"] = 1, ["expiresAt"] = future, ["legalBasis"] = bad?.DeepClone(),
            });
            if (bad is JsonValue value && value.TryGetValue<string>(out var text) && text.Length is > 0 and < 5_000)
            {
                var escaped = Uri.EscapeDataString(text);
                yield return Post("digest", $"supersede {label}", $"/api/v1/documents/{escaped}/supersession", key, new JsonObject { ["newDigest"] = Fresh() });
                yield return Get("digest", $"department {label}", $"/api/v1/departments/{escaped}");
                yield return Post("digest", $"propose suspending {label}", "/api/v1/departments/proposals", key, new JsonObject { ["kind"] = "suspend-department", ["department"] = text });

                var segment = Uri.EscapeDataString(text);
                foreach (var path in new[] { $"/api/v1/documents/{segment}", $"/api/v1/documents/{segment}/receipt", $"/api/v1/verify/{segment}", $"/api/v1/documents/{segment}/qr", $"/api/v1/audit/records/{segment}", $"/api/v1/grants?recordId={segment}" })
                {
                    yield return Get("digest", $"GET {path[..Math.Min(path.Length, 60)]}", path);
                }

                yield return Post("digest", $"revoke {label}", $"/api/v1/documents/{segment}/revocation", key, new JsonObject { ["reason"] = 1 });
            }
        }

        // Malformed bodies on every JSON endpoint, and the wrong content type.
        foreach (var path in jsonWrites.Append("/api/v1/verify"))
        {
            foreach (var (name, body) in MalformedBodies)
            {
                yield return Raw("json", $"{name} to {path}", HttpMethod.Post, path, key, body, "application/json");
            }

            yield return Raw("json", $"text/plain to {path}", HttpMethod.Post, path, key, "{}"u8.ToArray(), "text/plain");
            yield return Raw("json", $"no content type to {path}", HttpMethod.Post, path, key, "{}"u8.ToArray(), null);
        }

        // Numbers: negative, overflowing, fractional, of the wrong type; ids and paging in paths and queries.
        JsonNode?[] numbers = [-1, 65_536, int.MaxValue, long.MinValue, 1.5, "-7", JsonValue.Create(1e300), JsonValue.Create(decimal.MaxValue), null];
        foreach (var n in numbers)
        {
            yield return Post("number", $"revocation reason {Describe(n)}", $"/api/v1/documents/{anchored}/revocation", key, new JsonObject { ["reason"] = n?.DeepClone() });
            yield return Post("number", $"grant purpose {Describe(n)}", "/api/v1/grants", key, new JsonObject
            {
                ["recordId"] = anchored, ["granteeDepartment"] = "HEALTH", ["purpose"] = n?.DeepClone(), ["expiresAt"] = future, ["legalBasis"] = Fresh(),
            });
            yield return Post("number", $"threshold {Describe(n)}", "/api/v1/departments/proposals", key, new JsonObject { ["kind"] = "change-threshold", ["threshold"] = n?.DeepClone() });
        }

        string[] ids = ["-1", "0", "1.5", "1e3", "0x10", "abc", "99999999999999999999999999999999999999999999999999999999999999999999999999999999", "%00", "%0A", "1;2", "0b1", "1 1", "٣"];
        foreach (var id in ids)
        {
            yield return Get("number", $"grant {id}", $"/api/v1/grants/{id}");
            yield return Get("number", $"proposal {id}", $"/api/v1/departments/proposals/{id}");
            yield return Post("number", $"revoke grant {id}", $"/api/v1/grants/{id}/revocation", key, new JsonObject());
            yield return Post("number", $"log access {id}", $"/api/v1/grants/{id}/accesses", key, new JsonObject());
            yield return Post("number", $"approve proposal {id}", $"/api/v1/departments/proposals/{id}/approvals", key, new JsonObject());
            yield return Get("number", $"cursor {id}", $"/api/v1/audit/records/{anchored}?cursor={id}");
            yield return Get("number", $"pageSize {id}", $"/api/v1/audit/records/{anchored}?pageSize={id}");
            yield return Post("number", $"timeoutSeconds {id}", $"/api/v1/documents?wait=true&timeoutSeconds={id}", key, new JsonObject { ["digest"] = anchored });
        }

        foreach (var time in new JsonNode?[] { "2001-01-01T00:00:00Z", "not a date", "0001-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2030-02-30T00:00:00Z", 1_700_000_000, "" })
        {
            yield return Post("number", $"validUntil {Describe(time)}", "/api/v1/documents", key, new JsonObject { ["digest"] = Fresh(), ["validUntil"] = time?.DeepClone() });
            yield return Post("number", $"batch validUntil {Describe(time)}", "/api/v1/documents/batch", key, new JsonObject { ["digests"] = new JsonArray(Fresh()), ["validUntil"] = time?.DeepClone() });
            yield return Post("number", $"grant expiresAt {Describe(time)}", "/api/v1/grants", key, Grant(Fresh(), time?.DeepClone()));
        }

        // Huge arrays and oversized bodies.
        foreach (var count in new[] { 10_001, 50_000 })
        {
            var digests = new JsonArray([.. Enumerable.Range(0, count).Select(_ => (JsonNode?)Fresh())]);
            yield return Post("size", $"batch of {count} digests", "/api/v1/documents/batch", key, new JsonObject { ["digests"] = digests });
        }

        yield return Post("size", "batch of 0 digests", "/api/v1/documents/batch", key, new JsonObject { ["digests"] = new JsonArray() });
        yield return Post("size", "batch of 200,000 numbers", "/api/v1/documents/batch", key, new JsonObject { ["digests"] = new JsonArray([.. Enumerable.Range(0, 200_000).Select(i => (JsonNode?)i)]) });
        yield return Raw("size", "40 MB anchor body", HttpMethod.Post, "/api/v1/documents", key, Encoding.UTF8.GetBytes("{\"digest\":\"" + new string('a', 40_000_000) + "\"}"), "application/json");
        yield return Raw("size", "40 MB verify body", HttpMethod.Post, "/api/v1/verify", null, Encoding.UTF8.GetBytes("{\"receipt\":\"" + new string('a', 40_000_000) + "\"}"), "application/json");
        yield return Raw("size", "6 MB verify body, a proof of 3,000,000 elements", HttpMethod.Post, "/api/v1/verify", null,
            Encoding.UTF8.GetBytes("{\"receipt\":{\"version\":1,\"batch\":{\"proof\":[" + string.Join(",", Enumerable.Repeat("0", 3_000_000)) + "]}}}"), "application/json");
        foreach (var path in new[] { "/api/v1/documents", "/api/v1/documents/batch", "/api/v1/verify", "/api/v1/grants" })
        {
            yield return Chunked("size", $"chunked 1 MB body to {path}", path, key, Encoding.UTF8.GetBytes("{\"digest\":\"" + Fresh() + "\",\"padding\":\"" + new string('a', 1_000_000) + "\"}"));
        }

        // Uploads: over the limit, malformed multipart, no file part, path tricks in the file name.
        yield return Upload("upload", "upload over the limit", "/api/v1/documents/upload", key, "big.pdf", new byte[1_100_000]);
        yield return Upload("upload", "verify upload over the limit", "/api/v1/verify/upload", null, "big.pdf", new byte[1_100_000]);
        yield return Raw("upload", "multipart without boundary", HttpMethod.Post, "/api/v1/documents/upload", key, "--x\r\n"u8.ToArray(), "multipart/form-data");
        yield return Raw("upload", "multipart cut short", HttpMethod.Post, "/api/v1/documents/upload", key, "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nabc"u8.ToArray(), "multipart/form-data; boundary=b");
        yield return Raw("upload", "json to upload", HttpMethod.Post, "/api/v1/documents/upload", key, "{}"u8.ToArray(), "application/json");
        yield return Upload("upload", "no file part", "/api/v1/documents/upload", key, null, "x"u8.ToArray());
        foreach (var name in new[] { "../../../../tmp/ethgov-hostile-written", "..\\..\\..\\ethgov-hostile-written", "/etc/passwd", "\u0000.pdf", "a\u202egpj.exe", new string('a', 5_000), "CON", "file\r\nX-Injected: 1" })
        {
            yield return Upload("path", $"verify upload named {Describe(name)}", "/api/v1/verify/upload", null, name, Encoding.UTF8.GetBytes("hostile " + name), verdictAllowed: true);
        }

        // Receipts with tampered proofs and malformed fields.
        var receipt = JsonNode.Parse(receiptJson)!.AsObject();
        foreach (var (name, tamper) in ReceiptTampers())
        {
            var copy = receipt.DeepClone().AsObject();
            tamper(copy);
            yield return Post("receipt", $"receipt {name}", "/api/v1/verify", null, new JsonObject { ["receipt"] = copy }, verdictAllowed: true);
            yield return Upload("receipt", $"upload with receipt {name}", "/api/v1/verify/upload", null, "doc.pdf", "doc"u8.ToArray(), verdictAllowed: true, receipt: copy.ToJsonString());
        }

        // Keys: none, wrong, malformed.
        foreach (var bad in new[] { null, "", "egk_", ApiKeyStore.Prefix + new string('A', 43), "Bearer x", new string('k', 10_000), "egk_%00" })
        {
            foreach (var path in new[] { "/api/v1/documents", "/api/v1/documents/batch", "/api/v1/grants", "/api/v1/departments/proposals" })
            {
                yield return Post("auth", $"key {Describe(bad)} on {path}", path, bad, new JsonObject { ["digest"] = Fresh(), ["digests"] = new JsonArray(Fresh()) }, keyIsRaw: true);
            }
        }

        // Unknown routes, methods and path tricks.
        foreach (var path in new[] { "/api/v1/../../etc/passwd", "/api/v1/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/v2/documents", "/api/v1/documents/" + anchored + "/../../x", "/%00", "/api/v1/departments/%0d%0a", "/api/v1/departments/" + new string('A', 4_000) })
        {
            yield return Get("path", $"GET {Describe(path)}", path);
        }

        yield return new HostileCase("path", "DELETE a document", () => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/documents/{anchored}"));
        yield return new HostileCase("path", "PUT the batch endpoint", () => new HttpRequestMessage(HttpMethod.Put, "/api/v1/documents/batch"));

        // Proposals with odd Unicode and control characters.
        foreach (var text in new[] { "\u0000", "\u202eLIVIC", "\U0001F600", new string('X', 70_000), "<script>", "\r\n" })
        {
            yield return Post("unicode", $"propose add {Describe(text)}", "/api/v1/departments/proposals", key, new JsonObject { ["kind"] = "add-department", ["code"] = text, ["name"] = text, ["signer"] = text });
            yield return Post("unicode", $"propose kind {Describe(text)}", "/api/v1/departments/proposals", key, new JsonObject { ["kind"] = text });
            yield return Post("unicode", $"grant to {Describe(text)}", "/api/v1/grants", key, new JsonObject
            {
                ["recordId"] = anchored, ["granteeDepartment"] = text, ["purpose"] = 1, ["expiresAt"] = future, ["legalBasis"] = Fresh(),
            });
        }
    }

    private static IEnumerable<(string Name, Action<JsonObject> Tamper)> ReceiptTampers()
    {
        static string Flip(string hex) => hex[..^1] + (hex[^1] == '0' ? '1' : '0');
        yield return ("proof element flipped", r => r["batch"]!["proof"]![0] = Flip(r["batch"]!["proof"]![0]!.GetValue<string>()));
        yield return ("proof element dropped", r => r["batch"]!["proof"]!.AsArray().RemoveAt(0));
        yield return ("proof element added", r => r["batch"]!["proof"]!.AsArray().Add(Fresh()));
        yield return ("proof reversed", r => r["batch"]!["proof"] = new JsonArray([.. r["batch"]!["proof"]!.AsArray().Reverse().Select(p => p?.DeepClone())]));
        yield return ("root flipped", r => r["batch"]!["root"] = Flip(r["batch"]!["root"]!.GetValue<string>()));
        yield return ("digest flipped", r => r["digest"] = Flip(r["digest"]!.GetValue<string>()));
        yield return ("block number changed", r => r["blockNumber"] = r["blockNumber"]!.GetValue<ulong>() + 1);
        yield return ("block number negative", r => r["blockNumber"] = -1);
        yield return ("block number overflowing", r => r["blockNumber"] = JsonValue.Create(1e30));
        yield return ("chain id 1", r => r["chainId"] = 1);
        yield return ("registry garbage", r => r["registry"] = "0xnothex");
        yield return ("version 99", r => r["version"] = 99);
        yield return ("digest missing", r => r.Remove("digest"));
        yield return ("issuer missing", r => r.Remove("issuer"));
        yield return ("proof of 5,000 elements", r => r["batch"]!["proof"] = new JsonArray([.. Enumerable.Range(0, 5_000).Select(_ => (JsonNode?)Fresh())]));
        yield return ("proof element not hex", r => r["batch"]!["proof"]![0] = "0x" + new string('z', 64));
        yield return ("batch leaf count zero", r => r["batch"]!["count"] = 0);
        yield return ("anchoredAt not a date", r => r["anchoredAt"] = "yesterday");
        yield return ("issuer id overflowing", r => r["issuer"]!["id"] = JsonValue.Create(1e20));
        yield return ("a string instead of an object", r => r.Clear());
    }

    private static JsonObject Grant(JsonNode? recordId, JsonNode? expiresAt) => new()
    {
        ["recordId"] = recordId, ["granteeDepartment"] = "HEALTH", ["purpose"] = 1, ["expiresAt"] = expiresAt, ["legalBasis"] = Fresh(),
    };

    private static string Fresh() => TestSupport.Digests.New();

    private static string Describe(object? value)
    {
        var text = value switch
        {
            null => "null",
            JsonNode node => node.ToJsonString(),
            _ => JsonSerializer.Serialize(value.ToString()),
        };
        return text.Length > 40 ? text[..37] + $"…({text.Length})" : text;
    }

    private static HostileCase Get(string kind, string description, string path)
        => new(kind, description, () => new HttpRequestMessage(HttpMethod.Get, path));

    private static HostileCase Post(string kind, string description, string path, string? key, JsonObject body, bool verdictAllowed = false, bool keyIsRaw = false)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return new HostileCase(kind, description, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            AddKey(request, key, keyIsRaw);
            return request;
        }, verdictAllowed);
    }

    private static HostileCase Raw(string kind, string description, HttpMethod method, string path, string? key, byte[] body, string? contentType)
        => new(kind, description, () =>
        {
            var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            AddKey(request, key, false);
            return request;
        });

    /// <summary>A JSON body sent without a length (chunked), which the server cannot refuse by its header.</summary>
    private static HostileCase Chunked(string kind, string description, string path, string? key, byte[] body)
        => new(kind, description, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new UnknownLengthStream(body)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            AddKey(request, key, false);
            return request;
        });

    private static HostileCase Upload(string kind, string description, string path, string? key, string? fileName, byte[] file, bool verdictAllowed = false, string? receipt = null)
        => new(kind, description, () =>
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(file);
            if (fileName is null)
            {
                form.Add(part, "other");
            }
            else
            {
                part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName.Replace("\"", "", StringComparison.Ordinal)}\"");
                form.Add(part);
            }

            if (receipt is not null)
            {
                form.Add(new StringContent(receipt), "receipt");
            }

            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
            AddKey(request, key, false);
            return request;
        }, verdictAllowed);

    private static void AddKey(HttpRequestMessage request, string? key, bool raw)
    {
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyAuthentication.HeaderName, key);
        }
        else if (raw)
        {
            request.Headers.Remove(ApiKeyAuthentication.HeaderName);
        }
    }

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
