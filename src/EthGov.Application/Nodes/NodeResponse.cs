using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Application.Nodes;

/// <summary>
/// An HTTP answer of another department's node to a <see cref="NodeClient.PostAsync"/>, whatever its status: a refusal is
/// a problem document, a release is signed; reading either is the caller's business.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">The header fields (response and content), names case-insensitive, repeated values joined by ", ".</param>
/// <param name="Body">The body, read within the size limit.</param>
public sealed record NodeResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>A header field's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The parts of this answer its signature covers or carries (status, Content-Digest and the signature fields).</summary>
    public HttpMessageParts SignedParts()
    {
        var parts = HttpMessageParts.ForResponse(Status);
        foreach (var name in (string[])[ContentDigest.FieldName, HttpSignatureFields.SignatureInputField, HttpSignatureFields.SignatureField])
        {
            if (Header(name) is { } value)
            {
                parts = parts.AddField(name, value);
            }
        }

        return parts;
    }
}
