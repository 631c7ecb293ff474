using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Testing;

/// <summary>
/// A citizen's passkey as a browser and its authenticator use it: a P-256 key pair from .NET's <see cref="ECDsa"/>, and
/// assertions built as <c>navigator.credentials.get</c> returns them: authenticator data (SHA-256 of the relying party
/// id, the flags, a zero counter), the client data JSON in WebAuthn's serialization with the base64url challenge, and
/// the signature over authenticatorData || SHA-256(clientDataJSON), decoded to r and s.
/// </summary>
public sealed class TestPasskey : IDisposable
{
    /// <summary>Authenticator data flags: user present (0x01) and user verified (0x04).</summary>
    public const byte UserPresentAndVerified = 0x05;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The passkey id the registry records, keccak256(x || y).</summary>
    public Digest Id
    {
        get
        {
            var q = _key.ExportParameters(false).Q;
            return PasskeyAssertion.IdOf(q.X!, q.Y!);
        }
    }

    /// <summary>The public key's x coordinate (32 bytes).</summary>
    public byte[] X => _key.ExportParameters(false).Q.X!;

    /// <summary>The public key's y coordinate (32 bytes).</summary>
    public byte[] Y => _key.ExportParameters(false).Q.Y!;

    /// <summary>The assertion over <paramref name="challenge"/> (an EIP-712 digest) with <paramref name="flags"/>.</summary>
    public PasskeyAssertion Assert(byte[] challenge, byte flags = UserPresentAndVerified, string origin = "http://localhost:5080")
    {
        var q = _key.ExportParameters(false).Q;
        byte[] authenticatorData = [.. SHA256.HashData("localhost"u8), flags, 0, 0, 0, 0];
        var clientDataJson = $"{{\"type\":\"webauthn.get\",\"challenge\":\"{Base64Url(challenge)}\",\"origin\":\"{origin}\",\"crossOrigin\":false}}";
        var signed = _key.SignData([.. authenticatorData, .. SHA256.HashData(Encoding.UTF8.GetBytes(clientDataJson))], HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new PasskeyAssertion(q.X!, q.Y!, signed[..32], signed[32..], authenticatorData, clientDataJson);
    }

    /// <summary>The credential id the authenticator gives this passkey.</summary>
    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>
    /// What <c>navigator.credentials.create</c> answers for <paramref name="challenge"/>, in base64url: client data of type
    /// <c>webauthn.create</c> from <paramref name="origin"/>, and an attestation object (format none) whose authenticator data
    /// holds the attested credential: this key as a COSE key with <paramref name="alg"/> and <paramref name="crv"/>.
    /// </summary>
    public (string ClientDataJson, string AttestationObject) Register(
        byte[] challenge, string origin = "http://localhost:5080", string rpId = "localhost", byte flags = UserPresentAndVerified, int alg = -7, int crv = 1)
    {
        var clientDataJson = $"{{\"type\":\"webauthn.create\",\"challenge\":\"{Base64Url(challenge)}\",\"origin\":\"{origin}\",\"crossOrigin\":false}}";
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2);
        cose.WriteInt32(3);
        cose.WriteInt32(alg);
        cose.WriteInt32(-1);
        cose.WriteInt32(crv);
        cose.WriteInt32(-2);
        cose.WriteByteString(X);
        cose.WriteInt32(-3);
        cose.WriteByteString(Y);
        cose.WriteEndMap();
        byte[] authenticatorData =
        [
            .. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), (byte)(flags | 0x40), 0, 0, 0, 0, .. new byte[16],
            (byte)(CredentialId.Length >> 8), (byte)CredentialId.Length, .. CredentialId, .. cose.Encode(),
        ];
        var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authenticatorData);
        attestation.WriteEndMap();
        return (System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(clientDataJson)), System.Buffers.Text.Base64Url.EncodeToString(attestation.Encode()));
    }

    /// <summary>
    /// What <c>navigator.credentials.get</c> answers for <paramref name="challenge"/>, in base64url as a page posts it: client
    /// data, authenticator data, and the DER signature.
    /// </summary>
    public (string ClientDataJson, string AuthenticatorData, string Signature) AssertAsPage(
        byte[] challenge, string origin = "http://localhost:5080", string rpId = "localhost", byte flags = UserPresentAndVerified)
    {
        byte[] authenticatorData = [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, 0, 0, 0, 1];
        var clientDataJson = Encoding.UTF8.GetBytes($"{{\"type\":\"webauthn.get\",\"challenge\":\"{Base64Url(challenge)}\",\"origin\":\"{origin}\",\"crossOrigin\":false}}");
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientDataJson)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return (System.Buffers.Text.Base64Url.EncodeToString(clientDataJson), System.Buffers.Text.Base64Url.EncodeToString(authenticatorData),
            System.Buffers.Text.Base64Url.EncodeToString(signature));
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
