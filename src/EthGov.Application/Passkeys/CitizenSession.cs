using EthGov.Core.Digests;

namespace EthGov.Application.Passkeys;

/// <summary>A citizen's session: the passkey that signed in, and until when.</summary>
/// <param name="PasskeyId">keccak256(x || y) of the passkey.</param>
/// <param name="ExpiresAt">When the session ends.</param>
public sealed record CitizenSession(Digest PasskeyId, DateTimeOffset ExpiresAt);
