using EthGov.Chain.Bindings;

namespace EthGov.Chain.Registry;

/// <summary>
/// Where a department's node is, as the registry publishes it (INodeDirectory): its public base URL and its two P-256
/// public keys, each x || y (64 bytes). The registry checks the URL's scheme and length and the keys' length only: the
/// URL is untrusted input, and a reader checks that the keys are points of P-256 before using them.
/// </summary>
/// <param name="DepartmentId">The department.</param>
/// <param name="Url">The node's public base URL (http or https, at most 200 bytes).</param>
/// <param name="SigningKey">The public key that checks the node's signed requests.</param>
/// <param name="EncryptionKey">The public key that content is encrypted to (HPKE).</param>
/// <param name="UpdatedAt">When the entry was set, in chain time (Unix seconds).</param>
public sealed record DepartmentNode(uint DepartmentId, string Url, byte[] SigningKey, byte[] EncryptionKey, ulong UpdatedAt)
{
    /// <summary>The entry the registry answered, or null when the department has none (an empty URL).</summary>
    internal static DepartmentNode? From(uint departmentId, DepartmentNodeTuple tuple)
        => tuple.Url.Length == 0 ? null : new(departmentId, tuple.Url, tuple.SigningKey, tuple.EncryptionKey, tuple.UpdatedAt);
}
