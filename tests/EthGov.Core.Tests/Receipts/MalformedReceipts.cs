using System.Text.Json.Nodes;

namespace EthGov.Core.Tests.Receipts;

/// <summary>
/// Receipts broken in one way each, with the error the reader must give. The schema must reject
/// every one of them too (ReceiptSchemaTests), which keeps the reader and the schema in step.
/// </summary>
internal static class MalformedReceipts
{
    private static readonly Dictionary<string, (Action<JsonObject> Break, string Error)> s_samples = new()
    {
        ["missing digest"] = (r => r.Remove("digest"), "receipt: missing property 'digest'"),
        ["missing issuer"] = (r => r.Remove("issuer"), "receipt: missing property 'issuer'"),
        ["missing anchoredAt"] = (r => r.Remove("anchoredAt"), "receipt: missing property 'anchoredAt'"),
        ["version 2"] = (r => r["version"] = 2, "unsupported receipt version 2"),
        ["version as text"] = (r => r["version"] = "1", "receipt.version: expected an integer"),
        ["digest without 0x"] = (r => r["digest"] = ((string)r["digest"]!)[2..] + "00", "receipt.digest: expected 0x + 64 hex digits (missing '0x' prefix)"),
        ["digest too short"] = (r => r["digest"] = ((string)r["digest"]!)[..64], "receipt.digest: expected 0x + 64 hex digits (wrong length: 62 hex digits instead of 64)"),
        ["digest non-hex"] = (r => r["digest"] = "0x" + new string('g', 64), "receipt.digest: expected 0x + 64 hex digits (non-hex character 'g' at position 2)"),
        ["block hash as number"] = (r => r["blockHash"] = 5, "receipt.blockHash: expected 0x + 64 hex digits, got number 5"),
        ["proof element short"] = (r => r["batch"]!["proof"]![1] = "0x1234", "receipt.batch.proof[1]: expected 0x + 64 hex digits"),
        ["proof of 33 elements"] = (r => r["batch"]!["proof"] = new JsonArray([.. Enumerable.Range(0, 33).Select(_ => (JsonNode?)("0x" + new string('a', 64)))]), "receipt.batch.proof: 33 elements; a proof has at most 32"),
        ["proof not an array"] = (r => r["batch"]!["proof"] = "0x00", "receipt.batch.proof: expected an array"),
        ["batch missing documentCount"] = (r => r["batch"]!.AsObject().Remove("documentCount"), "receipt.batch: missing property 'documentCount'"),
        ["documentCount zero"] = (r => r["batch"]!["documentCount"] = 0, "receipt.batch.documentCount: expected an integer from 1 to 4294967295"),
        ["batch as array"] = (r => r["batch"] = new JsonArray(), "receipt.batch: expected an object"),
        ["registry short"] = (r => r["registry"] = "0x5FbDB2315678afecb367f032d93F642f64180a", "receipt.registry: expected 0x + 40 hex digits"),
        ["issuer id zero"] = (r => r["issuer"]!["id"] = 0, "receipt.issuer.id: expected an integer from 1 to 4294967295"),
        ["issuer id too large"] = (r => r["issuer"]!["id"] = 4294967296L, "receipt.issuer.id: expected an integer from 1 to 4294967295"),
        ["issuer code empty"] = (r => r["issuer"]!["code"] = "", "receipt.issuer.code: expected a non-empty string"),
        ["issuer unknown property"] = (r => r["issuer"]!["email"] = "a@b.c", "receipt.issuer.email: unknown property"),
        ["unknown property"] = (r => r["comment"] = "hi", "receipt.comment: unknown property"),
        ["chainId as text"] = (r => r["chainId"] = "31337", "receipt.chainId: expected an integer from 1"),
        ["chainId zero"] = (r => r["chainId"] = 0, "receipt.chainId: expected an integer from 1"),
        ["blockNumber negative"] = (r => r["blockNumber"] = -1, "receipt.blockNumber: expected an integer from 0"),
        ["blockNumber fractional"] = (r => r["blockNumber"] = 1.5, "receipt.blockNumber: expected an integer from 0"),
        ["anchoredAt not a date"] = (r => r["anchoredAt"] = "yesterday", "receipt.anchoredAt: expected an RFC 3339 date-time"),
        ["anchoredAt without offset"] = (r => r["anchoredAt"] = "2026-03-02T09:30:00", "receipt.anchoredAt: expected an RFC 3339 date-time"),
        ["validUntil null"] = (r => r["validUntil"] = null, "receipt.validUntil: expected an RFC 3339 date-time"),
    };

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var name in s_samples.Keys)
        {
            names.Add(name);
        }

        return names;
    }

    public static (string Json, string ExpectedError) Get(string name)
    {
        var receipt = TestReceipts.AsJson(TestReceipts.InBatch(seed: 200 + name.Length));
        var (breakIt, error) = s_samples[name];
        breakIt(receipt);
        return (receipt.ToJsonString(), error);
    }
}
