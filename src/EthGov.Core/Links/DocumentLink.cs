using System.Diagnostics.CodeAnalysis;
using EthGov.Core.Digests;

namespace EthGov.Core.Links;

/// <summary>
/// The URL a document's QR code carries: <c>{base}/v/{digest}?d={department code}</c>, and <c>&amp;p={proof}</c> (see
/// <see cref="ProofCode"/>) when the whole URL stays within <see cref="MaxLength"/> characters. The base is the issuing
/// department's stable public address, so a phone camera opens its page; the digest, the code and the proof are
/// enough for any node's page or the CLI to verify against the chain, whatever node URL the chain names later.
/// </summary>
/// <param name="Digest">The document's digest.</param>
/// <param name="DepartmentCode">The issuing department's code, when the link names one.</param>
/// <param name="Proof">The document's batch proof when the link carries it; empty for a single anchor or when it did not fit.</param>
public sealed record DocumentLink(Digest Digest, string? DepartmentCode, IReadOnlyList<Digest> Proof)
{
    /// <summary>
    /// The longest link written with its proof: a QR code of this many characters (version 31 at quartile error correction,
    /// 149 modules a side with the quiet zone) still scans from a printed certificate; longer proofs are left to the issuing node.
    /// </summary>
    public const int MaxLength = 1024;

    /// <summary>The link of a document, with its proof when the proof fits.</summary>
    public static string Build(Uri publicBaseUrl, Digest digest, string departmentCode, IReadOnlyList<Digest> proof)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        ArgumentException.ThrowIfNullOrEmpty(departmentCode);
        ArgumentNullException.ThrowIfNull(proof);
        var withoutProof = $"{publicBaseUrl.ToString().TrimEnd('/')}/v/{digest}?d={Uri.EscapeDataString(departmentCode)}";
        if (proof.Count == 0)
        {
            return withoutProof;
        }

        var withProof = $"{withoutProof}&p={ProofCode.Encode(proof)}";
        return withProof.Length <= MaxLength ? withProof : withoutProof;
    }

    /// <summary>Reads a link (any base URL: the verifier never calls it); refuses a path without <c>/v/{digest}</c> or a bad proof.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DocumentLink? link, out string error)
    {
        link = null;
        if (text is null || text.Length > 2 * MaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = "not an http(s) URL";
            return false;
        }

        var path = uri.AbsolutePath;
        var at = path.LastIndexOf("/v/", StringComparison.Ordinal);
        if (at < 0)
        {
            error = "the URL has no /v/<digest> path";
            return false;
        }

        if (!Digest.TryParse(path[(at + 3)..], out var digest, out var digestError))
        {
            error = $"digest: {digestError}";
            return false;
        }

        string? department = null;
        string? proofCode = null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (name == "d")
            {
                department = value.Length == 0 ? null : value;
            }
            else if (name == "p")
            {
                proofCode = value;
            }
        }

        if (!ProofCode.TryDecode(proofCode, out var proof, out var proofError))
        {
            error = $"proof: {proofError}";
            return false;
        }

        link = new DocumentLink(digest, department, proof);
        error = string.Empty;
        return true;
    }
}
