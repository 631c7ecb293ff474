namespace EthGov.Api.OpenApi;

/// <summary>Request examples shown in the OpenAPI document, by operation name.</summary>
internal static class Examples
{
    private const string Digest = "\"0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"";

    public static string? ForRequest(string operationId) => operationId switch
    {
        "AnchorDocument" => $$"""{ "digest": {{Digest}}, "validUntil": "2030-12-31T00:00:00Z" }""",
        "AnchorDocumentBatch" => $$"""{ "digests": [{{Digest}}, "0x60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"] }""",
        "RevokeDocument" => """{ "reason": 3 }""",
        "SupersedeDocument" => """{ "newDigest": "0x60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752" }""",
        "Verify" => $$"""{ "digest": {{Digest}} }""",
        "Propose" => """{ "kind": "suspend-department", "department": "TRANSPORT" }""",
        "CreateGrant" => $$"""{ "recordId": {{Digest}}, "granteeDepartment": "HEALTH", "purpose": 7, "expiresAt": "2030-01-01T00:00:00Z", "legalBasis": "0x60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752" }""",
        "CreateGrantFromConsent" => $$"""{ "recordId": {{Digest}}, "granteeDepartment": "HEALTH", "purpose": 7, "expiresAt": "2030-01-01T00:00:00Z", "subject": "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "deadline": "2029-01-01T00:00:00Z", "signature": "0x..." }""",
        _ => null,
    };
}
