using EthGov.Application.Passkeys;

namespace EthGov.Api.Passkeys;

/// <summary>This node as a WebAuthn relying party, or none when no origin is configured (the passkey routes then answer 503).</summary>
/// <param name="Party">The relying party, or null.</param>
/// <param name="Options">The passkey settings.</param>
public sealed record PasskeySite(PasskeyRelyingParty? Party, PasskeyOptions Options);
