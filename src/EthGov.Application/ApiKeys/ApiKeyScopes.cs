namespace EthGov.Application.ApiKeys;

/// <summary>
/// What an API key may do. A key holds only the scopes it was created with; every state-changing route names the
/// scopes it needs (the API's scope requirement), and a key without them gets 403 insufficient-scope.
/// </summary>
[Flags]
public enum ApiKeyScopes
{
    /// <summary>No scope: not a key that can be created.</summary>
    None = 0,

    /// <summary>Anchor documents (one digest, a batch of digests, an upload). The default for a new key.</summary>
    Anchor = 1,

    /// <summary>Revoke or supersede documents of the key's department.</summary>
    Revoke = 2,

    /// <summary>Create and revoke access grants, and log accesses under them.</summary>
    Grants = 4,

    /// <summary>Propose and approve changes to departments (the quorum's decisions) and to their signer keys.</summary>
    Governance = 8,

    /// <summary>Keep record content at the node (uploads with keep, JSON records), read it back and erase it.</summary>
    Records = 16,

    /// <summary>Ask other departments' nodes for records under grants to the key's department, and read what came.</summary>
    Exchanges = 32,

    /// <summary>
    /// Read the node's operational data: the Prometheus scrape at <c>/metrics</c> (counts and latencies of the whole
    /// node, every department it hosts). Changes nothing, and reads no document, record or key.
    /// </summary>
    Operator = 64,
}
