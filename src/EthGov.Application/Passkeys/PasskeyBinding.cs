using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Application.Passkeys;

/// <summary>A record bound to a citizen's passkey on the node that holds the record; never on chain.</summary>
/// <param name="RecordId">The record's digest.</param>
/// <param name="Department">The department that holds the record and issued the registration code.</param>
/// <param name="X">The passkey's P-256 public key, x coordinate (32 bytes).</param>
/// <param name="Y">The passkey's P-256 public key, y coordinate (32 bytes).</param>
/// <param name="CredentialId">The credential id the authenticator gave, which the page asks for by name.</param>
/// <param name="Role">Whether the passkey is the person's own or a guardian's.</param>
/// <param name="BoundAt">When it was registered.</param>
/// <param name="RevokedAt">When a clerk revoked the binding (a lost passkey), or null while it stands.</param>
public sealed record PasskeyBinding(
    Digest RecordId, uint Department, byte[] X, byte[] Y, byte[] CredentialId, PasskeyRole Role, DateTimeOffset BoundAt, DateTimeOffset? RevokedAt)
{
    /// <summary>The passkey id, keccak256(x || y), as the registry computes it and stores in a passkey consent grant.</summary>
    public Digest PasskeyId => PasskeyAssertion.IdOf(X, Y);
}
