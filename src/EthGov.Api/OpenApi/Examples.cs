namespace EthGov.Api.OpenApi;

/// <summary>Request and response examples shown in the OpenAPI document, by operation name.</summary>
internal static class Examples
{
    private const string Digest = "\"0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"";

    public static string? ForRequest(string operationId) => operationId switch
    {
        "AnchorDocument" => $$"""{ "digest": {{Digest}}, "validUntil": "2030-12-31T00:00:00Z" }""",
        "AnchorDocumentBatch" => $$"""{ "digests": [{{Digest}}, "0x60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"] }""",
        "RevokeDocument" => """{ "reason": "withdrawn" }""",
        "SupersedeDocument" => """{ "newDigest": "0x60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752" }""",
        "Verify" => $$"""{ "digest": {{Digest}} }""",
        "Propose" => """{ "kind": "suspend-department", "department": "TRANSPORT" }""",
        "CreateGrant" => $$"""{ "recordId": {{Digest}}, "granteeDepartment": "HEALTH", "purpose": 7, "expiresAt": "2030-01-01T00:00:00Z", "legalBasis": "0x60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752" }""",
        "CreateGrantFromConsent" => $$"""{ "recordId": {{Digest}}, "granteeDepartment": "HEALTH", "purpose": 7, "expiresAt": "2030-01-01T00:00:00Z", "subject": "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "deadline": "2029-01-01T00:00:00Z", "signature": "0x..." }""",
        _ => null,
    };

    private const string Receipt = """
        {
          "version": 1,
          "digest": "0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          "issuer": { "id": 1, "code": "CIVIL", "name": "Civil Registry Office" },
          "chainId": 31337,
          "registry": "0x5fbdb2315678afecb367f032d93f642f64180aa3",
          "transactionHash": "0x33dfe4f2f2b4050d19da3b37044ce2f49c7f5691c66884d0f4b16116239f0108",
          "blockNumber": 2,
          "blockHash": "0xc6e0e6b44156d3fa496acba9209b1d7f1ede6f0a1e973c9c9bab25e897ac78c6",
          "anchoredAt": "2026-11-27T02:37:15+00:00",
          "batch": {
            "root": "0xfb0c628719354443e52359d25cc16d1c2287c12f261a73a187603c4bb47c9991",
            "proof": ["0x14f4fa2d4179815dfe53cbc9611a8dc7063430c66e5401d400557b6baec93732", "0x40ea56e927d89af41450f18c985fb4b0b3be1802b38e1aab92e66539fbec7e62"],
            "documentCount": 3
          }
        }
        """;

    private const string Verdict = """
        {
          "digest": "0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          "outcome": "revoked",
          "checks": [
            { "name": "digest-matches", "outcome": "skipped", "detail": "no file or receipt given to compare with" },
            { "name": "proof-valid", "outcome": "skipped", "detail": "no receipt given" },
            { "name": "issuer-named", "outcome": "passed", "detail": "this service anchored it for department 1 (CIVIL, Civil Registry Office)" },
            { "name": "anchored", "outcome": "passed", "detail": "anchored on chain in block 14 at 2026-11-27T05:14:46Z" },
            { "name": "issuer-known", "outcome": "passed", "detail": "issued by department 1 (CIVIL, Civil Registry Office)" },
            { "name": "issuer-status", "outcome": "passed", "detail": "the department is active" },
            { "name": "key-not-compromised", "outcome": "passed", "detail": "anchored by key 1 of the department, never reported compromised" },
            { "name": "not-revoked", "outcome": "failed", "detail": "revoked by its issuing department, reason withdrawn (3)" },
            { "name": "not-expired", "outcome": "passed", "detail": "no expiry" },
            { "name": "not-superseded", "outcome": "passed", "detail": "no newer document replaces it" },
            { "name": "receipt-matches-chain", "outcome": "skipped", "detail": "no receipt given" },
            { "name": "transaction-matches", "outcome": "passed", "detail": "transaction 0x33dfe4f2f2b4050d19da3b37044ce2f49c7f5691c66884d0f4b16116239f0108 in block 14 anchored it for department 1 (CIVIL, Civil Registry Office)" }
          ],
          "chain": { "chainId": 31337, "registry": "0x5fbdb2315678afecb367f032d93f642f64180aa3", "block": 15, "blockTime": "2026-11-27T05:14:47+00:00" },
          "department": "CIVIL",
          "facts": {
            "status": "revoked", "departmentId": 1, "departmentName": "Civil Registry Office", "departmentStatus": "active",
            "anchoredAt": "2026-11-27T05:14:46+00:00", "anchoredBlock": 14, "revocationReason": 3, "revocationReasonName": "withdrawn",
            "transactionHash": "0x33dfe4f2f2b4050d19da3b37044ce2f49c7f5691c66884d0f4b16116239f0108"
          }
        }
        """;

    /// <summary>The example body of <paramref name="operationId"/>'s success response <paramref name="status"/>, if one is given.</summary>
    public static string? ForResponse(string operationId, string status) => (operationId, status) switch
    {
        ("AnchorDocument", "202") => $$"""{ "digest": {{Digest}}, "status": "pending", "department": "CIVIL", "acceptedAt": "2026-11-27T03:02:36.568+00:00", "statusUrl": "/api/v1/documents/0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }""",
        ("AnchorDocument", "200") or ("GetDocumentStatus", "200") => $$"""{ "digest": {{Digest}}, "status": "anchored", "department": "CIVIL", "acceptedAt": "2026-11-27T02:37:14.9+00:00", "statusUrl": "/api/v1/documents/0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "receipt": {{Receipt}} }""",
        ("AnchorDocumentBatch", "202") => """{ "accepted": 998, "alreadyKnown": 2, "statusUrlTemplate": "/api/v1/documents/{digest}" }""",
        ("GetDocumentReceipt", "200") => Receipt,
        ("VerifyDigest" or "Verify" or "VerifyUpload", "200") => Verdict,
        ("GetDepartment", "200") => """{ "id": 1, "code": "CIVIL", "name": "Civil Registry Office", "status": "active", "signers": ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"] }""",
        ("ListDepartments", "200") => """{ "items": [{ "id": 1, "code": "CIVIL", "name": "Civil Registry Office", "status": "active", "signers": ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"] }, { "id": 2, "code": "HEALTH", "name": "Department of Health", "status": "suspended", "signers": ["0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"] }], "next": "/api/v1/departments?pageSize=2&cursor=ZGVwYXJ0bWVudHM6Mg" }""",
        _ => null,
    };

    /// <summary>An RFC 7807 problem as every error response carries it.</summary>
    public const string Problem = """{ "type": "https://ethgov.dev/problems/already-anchored", "title": "The document is already anchored", "status": 409, "detail": "0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 is anchored by department 1" }""";
}
