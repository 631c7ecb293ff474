using BenchmarkDotNet.Attributes;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;

namespace EthGov.Benchmarks;

/// <summary>The offline half of a citizen's verification: read the receipt, then judge it against the chain's facts.</summary>
public class ReceiptBenchmarks
{
    private string _json = "";
    private VerificationRequest _request = null!;
    private ChainFacts _facts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var receipt = SampleData.BatchReceipt(index: 300);
        _json = ReceiptWriter.ToJson(receipt);
        _request = new VerificationRequest(receipt.Digest) { FileDigest = receipt.Digest, Receipt = receipt };
        _facts = SampleData.ValidFacts(receipt);
        if (!ReceiptReader.Parse(_json).IsValid || DocumentVerifier.Evaluate(_request, _facts).Outcome != VerdictOutcome.Valid)
        {
            throw new InvalidOperationException("the sample receipt must parse and verify as valid");
        }
    }

    [Benchmark(Description = "receipt: parse (batch member)")]
    public bool Parse() => ReceiptReader.Parse(_json).IsValid;

    [Benchmark(Description = "receipt: verify (DocumentVerifier.Evaluate)")]
    public VerdictOutcome Verify() => DocumentVerifier.Evaluate(_request, _facts).Outcome;
}
