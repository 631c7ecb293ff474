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

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
