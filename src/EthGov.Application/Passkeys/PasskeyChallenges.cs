using System.Numerics;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;

namespace EthGov.Application.Passkeys;

/// <summary>
/// The challenges a citizen's passkey signs: the EIP-712 digests of <c>PasskeyConsent</c> and <c>PasskeyRevocation</c> in
/// the registry's domain, exactly what the registry recomputes from the call and the passkey's nonce.
/// </summary>
public sealed class PasskeyChallenges(ulong chainId, string registry)
{
    private readonly TypedDataSigner _typed = new(chainId, registry);

    /// <summary>The digest a passkey signs to consent to this grant.</summary>
    public Digest Consent(
        Digest recordId, uint granteeDepartment, ushort purpose, DateTimeOffset expiresAt, GrantTerms terms, Digest passkeyId, BigInteger nonce, DateTimeOffset deadline)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new Digest(_typed.Hash(new PasskeyConsentTyped
        {
            RecordId = recordId.ToArray(),
            GranteeDepartment = granteeDepartment,
            Purpose = purpose,
            ExpiresAt = (ulong)expiresAt.ToUnixTimeSeconds(),
            Use = (byte)terms.Use,
            RetentionDays = terms.RetentionDays,
            MaxFetches = terms.MaxFetches,
            RevocableBy = (byte)terms.RevocableBy,
            PasskeyId = passkeyId.ToArray(),
            Nonce = nonce,
            Deadline = deadline.ToUnixTimeSeconds(),
        }));
    }

    /// <summary>The digest a passkey signs to revoke its consent <paramref name="grantId"/>.</summary>
    public Digest Revocation(BigInteger grantId, Digest passkeyId, BigInteger nonce, DateTimeOffset deadline)
        => new(_typed.Hash(new PasskeyRevocationTyped
        {
            GrantId = grantId,
            PasskeyId = passkeyId.ToArray(),
            Nonce = nonce,
            Deadline = deadline.ToUnixTimeSeconds(),
        }));
}
