using System.Numerics;
using BenchmarkDotNet.Attributes;
using EthGov.Chain.Keys;
using EthGov.Chain.Signing;

namespace EthGov.Benchmarks;

/// <summary>EIP-712 signing and recovery of a delegated anchor (Nethereum's signer, BouncyCastle underneath).</summary>
public class SigningBenchmarks
{
    private TypedDataSigner _signer = null!;
    private AnchorTyped _message = null!;
    private string _key = "";
    private byte[] _signature = [];

    [GlobalSetup]
    public void Setup()
    {
        _signer = new TypedDataSigner(31337, SampleData.Registry);
        _key = DevAccounts.PrivateKey(1);
        _message = new AnchorTyped
        {
            Digest = SampleData.Digests(1, seed: 5)[0].ToArray(),
            ValidUntil = 0,
            Nonce = BigInteger.One,
            Deadline = new BigInteger(1_900_000_000),
        };
        _signature = _signer.Sign(_message, _key);
        var expected = DevAccounts.Get(1, 31337).Address;
        if (!string.Equals(_signer.Recover(_message, _signature), expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("the signature must recover the dev:1 address");
        }
    }

    [Benchmark(Description = "eip712: sign Anchor")]
    public byte[] Sign() => _signer.Sign(_message, _key);

    [Benchmark(Description = "eip712: recover Anchor")]
    public string Recover() => _signer.Recover(_message, _signature);
}
