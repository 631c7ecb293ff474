using System.Text;

namespace EthGov.Application.Nodes;

/// <summary>
/// What a department node's public base URL must be before it is published: what the registry requires (INodeDirectory:
/// "http://" or "https://" and more, at most 200 bytes) and what a base URL that other nodes append paths to needs
/// besides (a host; no user name, query or fragment; no spaces or control characters). The registry checks only its
/// own part, so a URL read back from the chain is still untrusted input.
/// </summary>
public static class NodeUrl
{
    /// <summary>The longest URL the registry accepts, in UTF-8 bytes.</summary>
    public const int MaxBytes = 200;

    /// <summary>Why <paramref name="url"/> cannot be published as a node's base URL, in one sentence; null when it can.</summary>
    public static string? Problem(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith("http://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal))
        {
            return "a node URL starts with http:// or https:// (in lower case)";
        }

        if (Encoding.UTF8.GetByteCount(url) > MaxBytes)
        {
            return $"a node URL is at most {MaxBytes} bytes long";
        }

        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "a node URL holds no spaces or control characters";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            return "a node URL is an absolute URL with a host";
        }

        return parsed.UserInfo.Length > 0 || parsed.Query.Length > 0 || parsed.Fragment.Length > 0
            ? "a node URL is a base URL: no user name, query or fragment"
            : null;
    }
}
