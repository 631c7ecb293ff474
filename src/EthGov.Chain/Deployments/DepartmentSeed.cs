namespace EthGov.Chain.Deployments;

/// <summary>An initial department to deploy with: its code, name and first signer address.</summary>
public sealed record DepartmentSeed(string Code, string Name, string Signer)
{
    /// <summary>The department's initial node entry, published at deployment; null for none.</summary>
    public NodeSeed? Node { get; init; }
}

/// <summary>
/// A department node entry to publish at deployment (INodeDirectory): the node's public base URL and its two P-256
/// public keys, each x || y (64 bytes).
/// </summary>
/// <param name="Url">The node's public base URL (http or https).</param>
/// <param name="SigningKey">The public key that checks the node's signed requests.</param>
/// <param name="EncryptionKey">The public key that content is encrypted to (HPKE).</param>
public sealed record NodeSeed(string Url, byte[] SigningKey, byte[] EncryptionKey);
