namespace EthGov.Application.Nodes;

/// <summary>
/// The public halves of a department node's two P-256 keys, as the registry publishes them: each the uncompressed point
/// without its 0x04 prefix, x || y (64 bytes).
/// </summary>
/// <param name="Signing">The key that checks the node's signed requests.</param>
/// <param name="Encryption">The key that content for the node is encrypted to (HPKE).</param>
public sealed record NodePublicKeys(byte[] Signing, byte[] Encryption);
