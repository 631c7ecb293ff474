using System.Security.Cryptography;
using EthGov.Core.Digests;

namespace EthGov.Core.Exchange;

/// <summary>
/// The signed node-to-node request as the grantee sent it. Its body is kept until the content of the release is erased;
/// then only its SHA-256 is, which is what the signed <c>Content-Digest</c> states, so the signature still checks.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Authority">The holder node's authority (host and port) it went to.</param>
/// <param name="Path">The path it went to.</param>
/// <param name="Headers">The header fields the signature covers or carries, names lowercase.</param>
/// <param name="Body">The body (a <see cref="ReleaseRequest"/>: a kind query's person only sealed), or null once erased.</param>
public sealed record EvidenceRequest(string Method, string Authority, string Path, IReadOnlyDictionary<string, string> Headers, byte[]? Body)
{
    /// <summary>The body, or null once erased; setting a body sets <see cref="BodyDigest"/> to its digest.</summary>
    public byte[]? Body
    {
        get;
        init
        {
            field = value;
            if (value is not null)
            {
                _bodyDigest = new Digest(SHA256.HashData(value));
            }
        }
    } = Body;

    private Digest _bodyDigest = Body is null ? Digest.Zero : new Digest(SHA256.HashData(Body));

    /// <summary>
    /// SHA-256 of the body: computed from <see cref="Body"/> when it is kept, stated when it was erased (set it only then).
    /// </summary>
    /// <exception cref="InvalidOperationException">Set while the body is kept (its digest is the body's).</exception>
    public Digest BodyDigest
    {
        get => _bodyDigest;
        init => _bodyDigest = Body is null ? value : throw new InvalidOperationException("the digest of a kept body is the body's own");
    }

    /// <summary>The same request with its body erased, its digest kept.</summary>
    public EvidenceRequest WithoutBody() => this with { Body = null };
}
