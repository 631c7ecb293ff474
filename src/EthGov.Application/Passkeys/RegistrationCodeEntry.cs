using EthGov.Core.Digests;

namespace EthGov.Application.Passkeys;

/// <summary>A registration code as stored: which record it binds, for whom, until when, and whether it was used.</summary>
/// <param name="Id">Its row.</param>
/// <param name="RecordId">The record a passkey registered with it is bound to.</param>
/// <param name="Department">The department holding the record.</param>
/// <param name="Role">The role the clerk recorded.</param>
/// <param name="Challenge">The WebAuthn challenge handed out for it, or null before the citizen's page asked.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="UsedAt">When a passkey was registered with it, or null.</param>
public sealed record RegistrationCodeEntry(long Id, Digest RecordId, uint Department, PasskeyRole Role, byte[]? Challenge, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);
