using System.Text.Json;
using EthGov.Api.Receipts;
using EthGov.Application.Documents;
using EthGov.Application.Verification;
using EthGov.Chain.Deployments;
using EthGov.Core.Digests;
using EthGov.Core.Links;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;

namespace EthGov.Api.Documents;

/// <summary>
/// The anchor place a revocation or supersession request states (a proof, or a receipt), for a document this node did
/// not anchor itself. A claim: the chain refuses the change if the place is wrong.
/// </summary>
public static class StatedAnchorPlace
{
    /// <summary>
    /// The stated place of <paramref name="digest"/> of department <paramref name="departmentId"/>, null when the request states
    /// none, or the reason it is refused (a receipt about another document, department or registry; a bad proof).
    /// </summary>
    public static (AnchorPlace? Place, EthGov.Api.Problems.ProblemText? Problem) Read(string? proof, JsonElement? receipt, Digest digest, uint departmentId, Deployment deployment)
    {
        var hasReceipt = receipt is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
        if (hasReceipt && !string.IsNullOrEmpty(proof))
        {
            return (null, DocumentTexts.ProofOrReceipt.Text);
        }

        if (hasReceipt)
        {
            var parsed = ReceiptReader.Parse(receipt!.Value);
            if (!parsed.IsValid)
            {
                return (null, DocumentTexts.ReceiptInvalid.With(ReceiptTexts.Of(parsed.Faults.Take(3))));
            }

            var stated = parsed.Receipt!;
            var legacy = deployment.Legacy?.Registry;
            if (ReceiptAbout.Mismatch(stated, digest, deployment.ChainId, [deployment.Registry, legacy], departmentId) is { } other)
            {
                return (null, DocumentTexts.ReceiptInvalid.With(new([ReceiptTexts.Of(other, stated)])));
            }

            // ReceiptReader has already refused a batch proof that does not lead to the receipt's root.
            return (AnchorPlace.Of(stated, legacy), null);
        }

        if (!ProofCode.TryDecode(proof, out var path, out ProofCodeFault? fault, out var decodedBytes))
        {
            return (null, EthGov.Api.Problems.ProblemTexts.ProofInvalid(fault!.Value, decodedBytes));
        }

        return path.Count == 0 ? (null, null) : (AnchorPlace.InBatch(MerkleTree.ComputeRoot(digest, [.. path]), path), null);
    }
}
