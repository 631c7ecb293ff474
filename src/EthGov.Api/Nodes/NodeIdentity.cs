using EthGov.Application.Nodes;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;

namespace EthGov.Api.Nodes;

/// <summary>
/// What this node is on chain, checked at start-up: each department it signs for publishes a node entry, and that entry
/// must be this node, so that what other nodes and QR codes reach is what runs here. The entry's URL must be
/// <c>EthGov:PublicBaseUrl</c> and its keys those of <c>EthGov:NodeKey</c>; a node that is not what its department
/// publishes refuses to start. A department that publishes no node yet (a new one) only gets a warning: the node runs,
/// and other nodes find it once its entry is published (<c>ethgov node publish</c>, after the signer-change delay).
/// </summary>
public sealed class NodeIdentity
{
    private NodeIdentity(NodeKeys? keys, IReadOnlyList<string> warnings, string? refusal)
    {
        Keys = keys;
        Warnings = warnings;
        Refusal = refusal;
    }

    /// <summary>The node's keys, when <c>EthGov:NodeKey</c> names them.</summary>
    public NodeKeys? Keys { get; }

    /// <summary>What the operator should know but need not fix to start.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Why the node must not start, in one line; null when it may.</summary>
    public string? Refusal { get; }

    /// <summary>
    /// Checks the entries of the departments this node signs for (<paramref name="hostedCodes"/>) against
    /// <paramref name="publicBaseUrl"/> and the keys <paramref name="nodeKey"/> names.
    /// </summary>
    public static async Task<NodeIdentity> CheckAsync(
        DepartmentOperations departments, IReadOnlyCollection<string> hostedCodes, Uri? publicBaseUrl, string? nodeKey, ulong chainId)
    {
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(hostedCodes);
        var list = await departments.ListAsync();
        if (!list.IsSuccess)
        {
            return new NodeIdentity(null, [], $"the registry's departments cannot be read to check this node's entry: {list.Error.Message}");
        }

        var hosted = list.Value.Where(d => hostedCodes.Contains(d.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        NodeKeys? keys = null;
        if (!string.IsNullOrWhiteSpace(nodeKey))
        {
            try
            {
                keys = NodeKeys.Load(nodeKey, chainId);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                return new NodeIdentity(null, [], $"EthGov:NodeKey: {ex.Message}");
            }
        }

        var warnings = new List<string>();
        foreach (var department in hosted)
        {
            var read = await departments.GetNodeAsync(department.Id);
            if (!read.IsSuccess)
            {
                keys?.Dispose();
                return new NodeIdentity(null, [], $"cannot read {department.Code}'s node entry from the chain: {read.Error.Message}");
            }

            if (Mismatch(department, read.Value, publicBaseUrl, keys, warnings) is { } refusal)
            {
                keys?.Dispose();
                return new NodeIdentity(null, [], refusal);
            }
        }

        if (keys is null && hosted.Count > 0)
        {
            warnings.Add("EthGov:NodeKey is not set: this node has no keys for signed requests between nodes or for records sealed to it");
        }

        return new NodeIdentity(keys, warnings, null);
    }

    private static string? Mismatch(DepartmentInfo department, DepartmentNode? entry, Uri? publicBaseUrl, NodeKeys? keys, List<string> warnings)
    {
        if (entry is null)
        {
            warnings.Add($"{department.Code} publishes no node on chain, so other nodes cannot find this one: publish it with `ethgov node publish`");
            return null;
        }

        if (publicBaseUrl is null)
        {
            warnings.Add($"EthGov:PublicBaseUrl is not set; {department.Code} publishes {entry.Url} as its node");
        }
        else if (!SameUrl(publicBaseUrl, entry.Url))
        {
            return $"EthGov:PublicBaseUrl is {publicBaseUrl}, but {department.Code} publishes {entry.Url} as its node on chain: set the URL it publishes, or publish this one with `ethgov node publish`";
        }

        if (keys is not null && (!keys.SigningPublicKey.AsSpan().SequenceEqual(entry.SigningKey) || !keys.EncryptionPublicKey.AsSpan().SequenceEqual(entry.EncryptionKey)))
        {
            return $"EthGov:NodeKey holds other keys than the ones {department.Code} publishes on chain for its node: use the published node key, or publish these with `ethgov node publish`";
        }

        return null;
    }

    // A trailing slash or the case of the host makes no other node.
    private static bool SameUrl(Uri configured, string published)
        => Uri.TryCreate(published, UriKind.Absolute, out var url)
            && Uri.Compare(configured, url, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            && string.Equals(configured.AbsolutePath.TrimEnd('/'), url.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);
}
