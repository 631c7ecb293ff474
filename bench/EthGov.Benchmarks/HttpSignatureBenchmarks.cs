using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Benchmarks;

/// <summary>
/// A node-to-node request signed and checked with RFC 9421 ecdsa-p256-sha256 (.NET's ECDsa): what each exchange
/// costs its sender and its receiver, a 1 KiB body's Content-Digest included.
/// </summary>
public class HttpSignatureBenchmarks
{
    private const string Label = "ethgov";
    private const string KeyId = "department-7/node-key-1";
    private const string Target = "https://holder.example:8443/api/v1/node/releases?grant=0x01";

    private static readonly ComponentIdentifier[] s_components =
    [
        ComponentIdentifier.Method,
        ComponentIdentifier.TargetUri,
        ComponentIdentifier.Authority,
        ComponentIdentifier.Field("content-type"),
        ComponentIdentifier.Field("content-digest"),
    ];

    private readonly HttpSignaturePolicy _policy = new() { RequiredComponents = s_components, RequiredTag = "ethgov-exchange/chain-31337" };
    private ECDsa _key = null!;
    private byte[] _body = [];
    private HttpSignatureFields _fields = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _body = SampleData.Bytes(1024);
        _now = DateTimeOffset.UtcNow;
        _fields = Sign();
        if (!Verify().IsValid)
        {
            throw new InvalidOperationException("the benchmark's own signature must verify");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Description = "httpsig: sign node request")]
    public HttpSignatureFields Sign()
    {
        long created = _now.ToUnixTimeSeconds();
        var parameters = new SignatureParameters(s_components, created, created + 60, KeyId, SignatureParameters.NewNonce(), EcdsaP256Sha256.Name, _policy.RequiredTag);
        return HttpSignatureSigner.Sign(Request(), Label, parameters, _key);
    }

    [Benchmark(Description = "httpsig: verify node request")]
    public HttpSignatureVerification Verify()
    {
        var received = Request().AddField("Signature-Input", _fields.SignatureInput).AddField("Signature", _fields.Signature);
        return HttpSignatureVerifier.Verify(received, Label, _policy, id => id == KeyId ? _key : null, _now);
    }

    [Benchmark(Description = "httpsig: refuse expired request")]
    public HttpSignatureVerification RefuseExpired()
    {
        var received = Request().AddField("Signature-Input", _fields.SignatureInput).AddField("Signature", _fields.Signature);
        return HttpSignatureVerifier.Verify(received, Label, _policy, id => id == KeyId ? _key : null, _now.AddHours(1));
    }

    private HttpMessageParts Request() =>
        HttpMessageParts.ForRequest("POST", new Uri(Target))
            .AddField("Content-Type", "application/json")
            .AddField("Content-Digest", ContentDigest.Create(_body));
}
