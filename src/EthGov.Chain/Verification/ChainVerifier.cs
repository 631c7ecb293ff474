using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Core.Verification;

namespace EthGov.Chain.Verification;

/// <summary>A verdict with the chain facts it rests on.</summary>
public sealed record VerificationReport(Verdict Verdict, ChainFacts Facts);

/// <summary>
/// Verifies a document against the chain: reads the facts the request calls for (the batch leaf when a
/// receipt carries a proof, else the single digest) and applies EthGov.Core's rules. The CLI and the API
/// both verify through here, so they cannot disagree.
/// </summary>
public static class ChainVerifier
{
    /// <summary>Reads the facts for <paramref name="request"/> and evaluates them.</summary>
    public static async Task<ChainResult<VerificationReport>> VerifyAsync(DocumentOperations documents, VerificationRequest request)
    {
        var batch = request.Receipt?.Batch;
        var facts = batch is null
            ? await documents.CheckAsync(request.Digest)
            : await documents.CheckInBatchAsync(batch.Root, request.Digest, batch.Proof);
        return facts.IsSuccess
            ? ChainResult<VerificationReport>.Ok(new VerificationReport(DocumentVerifier.Evaluate(request, facts.Value), facts.Value))
            : ChainResult<VerificationReport>.Fail(facts.Error);
    }
}
