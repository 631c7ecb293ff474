namespace EthGov.Application.Passkeys;

/// <summary>A passkey just created by <c>navigator.credentials.create</c>, as its attested credential data gives it.</summary>
/// <param name="X">The P-256 public key's x coordinate (32 bytes).</param>
/// <param name="Y">The P-256 public key's y coordinate (32 bytes).</param>
/// <param name="CredentialId">The credential id.</param>
public sealed record NewPasskey(byte[] X, byte[] Y, byte[] CredentialId);
