using EthGov.Core.Digests;

namespace EthGov.Api.MyData;

/// <summary>What <c>navigator.credentials.get</c> needs to sign in: a fresh challenge, used once.</summary>
/// <param name="Challenge">32 random bytes, base64url.</param>
/// <param name="RpId">The relying party id (this node's passkey origin's host).</param>
/// <param name="ExpiresAt">When the challenge stops working.</param>
public sealed record SignInOptionsResponse(string Challenge, string RpId, DateTimeOffset ExpiresAt);

/// <summary>What <c>navigator.credentials.get</c> returned (base64url).</summary>
/// <param name="CredentialId">The credential's raw id.</param>
/// <param name="ClientDataJson">The response's clientDataJSON.</param>
/// <param name="AuthenticatorData">The response's authenticatorData.</param>
/// <param name="Signature">The response's signature (DER).</param>
public sealed record SignInRequest(string? CredentialId, string? ClientDataJson, string? AuthenticatorData, string? Signature);

/// <summary>A citizen's session: which passkey, until when. The token itself travels only in the HttpOnly cookie.</summary>
/// <param name="PasskeyId">keccak256(x || y) of the passkey that signed in.</param>
/// <param name="ExpiresAt">When the session ends.</param>
public sealed record CitizenSessionResponse(Digest PasskeyId, DateTimeOffset ExpiresAt);
