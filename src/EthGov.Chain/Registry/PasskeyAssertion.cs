using EthGov.Chain.Bindings;
using EthGov.Core.Digests;
using Nethereum.Util;

namespace EthGov.Chain.Registry;

/// <summary>
/// A WebAuthn assertion by a citizen's passkey, as the registry verifies it: the passkey's P-256 public key
/// (<paramref name="X"/>, <paramref name="Y"/>, 32 bytes each), the signature's halves (<paramref name="R"/>,
/// <paramref name="S"/>, 32 bytes each, high or low s), and the authenticator data and client data JSON exactly as the
/// browser returned them. The client data must carry the EIP-712 digest of the message as its base64url challenge.
/// </summary>
public sealed record PasskeyAssertion(byte[] X, byte[] Y, byte[] R, byte[] S, byte[] AuthenticatorData, string ClientDataJson)
{
    /// <summary>The passkey id the registry stores and emits: keccak256(x || y).</summary>
    public Digest PasskeyId => IdOf(X, Y);

    /// <summary>keccak256(<paramref name="x"/> || <paramref name="y"/>), the id of the passkey with that public key.</summary>
    public static Digest IdOf(byte[] x, byte[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != 32 || y.Length != 32)
        {
            throw new ArgumentException("a P-256 public key's coordinates are 32 bytes each");
        }

        return new Digest(Sha3Keccack.Current.CalculateHash([.. x, .. y]));
    }

    internal PasskeyAssertionTuple ToTuple() => new()
    {
        X = X,
        Y = Y,
        R = R,
        S = S,
        AuthenticatorData = AuthenticatorData,
        ClientDataJson = ClientDataJson,
    };
}
