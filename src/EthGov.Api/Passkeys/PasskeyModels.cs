using EthGov.Core.Digests;

namespace EthGov.Api.Passkeys;

/// <summary>A clerk asks for a registration code for a record.</summary>
/// <param name="Role"><c>self</c> (the default) or <c>guardian</c>, after the department's own check of the guardian.</param>
public sealed record RegistrationCodeRequest(string? Role = null);

/// <summary>A registration code, shown once: print it on the certificate or hand it over at the counter.</summary>
/// <param name="Code">The code.</param>
/// <param name="Role">The role a passkey registered with it gets.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="RegistrationUrl">The holder's page with the code in its fragment (never sent to a server).</param>
public sealed record RegistrationCodeResponse(string Code, string Role, DateTimeOffset ExpiresAt, string RegistrationUrl);

/// <summary>The citizen's page starts a registration with the code.</summary>
/// <param name="Code">The code as printed (case, spaces and dashes ignored).</param>
public sealed record RegistrationOptionsRequest(string? Code);

/// <summary>What <c>navigator.credentials.create</c> needs (binary values in base64url); user verification required, no attestation.</summary>
/// <param name="Challenge">The challenge, fresh for this code.</param>
/// <param name="RpId">The relying party id (the page's host).</param>
/// <param name="RpName">The name the authenticator shows for the relying party.</param>
/// <param name="UserId">A random user handle: nothing about the person.</param>
/// <param name="UserName">The name the authenticator shows for the passkey: the department and the record's kind.</param>
/// <param name="Role">The role the passkey will have.</param>
public sealed record RegistrationOptionsResponse(string Challenge, string RpId, string RpName, string UserId, string UserName, string Role);

/// <summary>The page posts what <c>navigator.credentials.create</c> returned (binary values in base64url).</summary>
/// <param name="Code">The registration code.</param>
/// <param name="ClientDataJson">The response's clientDataJSON.</param>
/// <param name="AttestationObject">The response's attestationObject.</param>
public sealed record RegistrationRequest(string? Code, string? ClientDataJson, string? AttestationObject);

/// <summary>A record's binding to a passkey.</summary>
/// <param name="RecordId">The record.</param>
/// <param name="PasskeyId">keccak256(x || y) of the passkey's public key: what a passkey consent grant names on chain.</param>
/// <param name="Role"><c>self</c> or <c>guardian</c>.</param>
/// <param name="BoundAt">When the passkey was registered.</param>
public sealed record PasskeyBindingResponse(Digest RecordId, Digest PasskeyId, string Role, DateTimeOffset BoundAt);

/// <summary>A binding revoked by a clerk.</summary>
/// <param name="RecordId">The record, now bound to no passkey.</param>
/// <param name="RevokedAt">When.</param>
public sealed record PasskeyRevokedResponse(Digest RecordId, DateTimeOffset RevokedAt);
