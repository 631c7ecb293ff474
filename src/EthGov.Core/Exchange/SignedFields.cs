namespace EthGov.Core.Exchange;

/// <summary>
/// The header fields a node adds to a message it signs: the body's type and digest, and the signature over them.
/// An adapter copies them onto the HTTP message as they are.
/// </summary>
/// <param name="ContentType">The <c>Content-Type</c> value (null for a response, whose type is not covered).</param>
/// <param name="ContentDigest">The <c>Content-Digest</c> value (sha-256 of the body, RFC 9530).</param>
/// <param name="SignatureInput">The <c>Signature-Input</c> value.</param>
/// <param name="Signature">The <c>Signature</c> value.</param>
public sealed record SignedFields(string? ContentType, string ContentDigest, string SignatureInput, string Signature)
{
    /// <summary>The fields as header name and value pairs, to add to a signed request (its type defaulting to the profile's).</summary>
    public List<KeyValuePair<string, string>> Headers() =>
    [
        new("Content-Type", ContentType ?? NodeSignatureProfile.ContentType),
        new(Crypto.HttpSignatures.ContentDigest.FieldName, ContentDigest),
        new(Crypto.HttpSignatures.HttpSignatureFields.SignatureInputField, SignatureInput),
        new(Crypto.HttpSignatures.HttpSignatureFields.SignatureField, Signature),
    ];
}
