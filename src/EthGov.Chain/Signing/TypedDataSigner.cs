using EthGov.Chain.Keys.Pkcs11;
using Nethereum.ABI.EIP712;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Web3.Accounts;

namespace EthGov.Chain.Signing;

/// <summary>
/// Signs and recovers EthGov's EIP-712 messages (domain "EthGov", version "1", the chain id and the
/// registry address), so a department signer or a citizen can authorize an operation that anyone submits.
/// </summary>
public sealed class TypedDataSigner(ulong chainId, string registryAddress)
{
    private readonly Eip712TypedDataSigner _signer = new();

    /// <summary>Signs <paramref name="message"/> with <paramref name="privateKey"/>; returns the 65-byte signature.</summary>
    public byte[] Sign<TMessage>(TMessage message, string privateKey)
        where TMessage : class
    {
        var hex = _signer.SignTypedDataV4(message, TypedDataFor<TMessage>(), new EthECKey(privateKey));
        return Convert.FromHexString(hex.AsSpan(2));
    }

    /// <summary>
    /// Signs <paramref name="message"/> with <paramref name="key"/>, in a keystore's memory or in a PKCS#11 module;
    /// returns the 65-byte signature.
    /// </summary>
    /// <exception cref="NotSupportedException">The account signs through an external signer other than a PKCS#11 key.</exception>
    public byte[] Sign<TMessage>(TMessage message, EthGov.Chain.Keys.SignerKey key)
        where TMessage : class
        => key?.Account switch
        {
            Account plain => Sign(message, plain.PrivateKey),
            ExternalAccount { ExternalSigner: Pkcs11EthereumSigner module } => module.SignDigest(Hash(message)),
            _ => throw new NotSupportedException($"account {key?.Address} cannot sign EIP-712 messages here: it is neither a keystore key nor a PKCS#11 key"),
        };

    /// <summary>
    /// The EIP-712 digest of <paramref name="message"/> in this domain: what an Ethereum key signs, and what a passkey
    /// signs as its WebAuthn challenge.
    /// </summary>
    public byte[] Hash<TMessage>(TMessage message)
        where TMessage : class
        => Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(message, TypedDataFor<TMessage>());

    /// <summary>The address that signed <paramref name="message"/>.</summary>
    public string Recover<TMessage>(TMessage message, byte[] signature)
        where TMessage : class
        => _signer.RecoverFromSignatureV4(message, TypedDataFor<TMessage>(), "0x" + Convert.ToHexStringLower(signature));

    private TypedData<Domain> TypedDataFor<TMessage>()
    {
        var primaryType = typeof(TMessage).GetCustomAttributes(typeof(Nethereum.ABI.FunctionEncoding.Attributes.StructAttribute), false)
            .Cast<Nethereum.ABI.FunctionEncoding.Attributes.StructAttribute>().Single().Name;
        return new TypedData<Domain>
        {
            Domain = new Domain
            {
                Name = "EthGov",
                Version = "1",
                ChainId = chainId,
                VerifyingContract = registryAddress,
            },
            Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(TMessage)),
            PrimaryType = primaryType,
        };
    }
}
