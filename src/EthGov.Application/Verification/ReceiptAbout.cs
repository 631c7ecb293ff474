using EthGov.Core.Digests;
using EthGov.Core.Receipts;

namespace EthGov.Application.Verification;

/// <summary>
/// Whether a receipt someone hands over (a node answering for its department, a clerk revoking) is about the document
/// in question at all: the same digest, one of this deployment's registries on its chain, the expected issuer.
/// </summary>
public static class ReceiptAbout
{
    /// <summary>Why <paramref name="receipt"/> is about something else, in words; null when it is about the document asked about.</summary>
    public static string? Disagreement(Receipt receipt, Digest digest, ulong chainId, IEnumerable<string?> registries, uint departmentId)
        => Mismatch(receipt, digest, chainId, registries, departmentId) is { } mismatch ? Describe(mismatch, receipt) : null;

    /// <summary>How <paramref name="receipt"/> is about something else; null when it is about the document asked about.</summary>
    public static ReceiptMismatch? Mismatch(Receipt receipt, Digest digest, ulong chainId, IEnumerable<string?> registries, uint departmentId)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt.Digest != digest)
        {
            return ReceiptMismatch.OtherDocument;
        }

        if (receipt.ChainId != chainId || !registries.Any(r => string.Equals(r, receipt.Registry, StringComparison.OrdinalIgnoreCase)))
        {
            return ReceiptMismatch.OtherRegistry;
        }

        return receipt.Issuer.Id != departmentId ? ReceiptMismatch.OtherDepartment : null;
    }

    /// <summary>The English sentence for <paramref name="mismatch"/> of <paramref name="receipt"/>, naming what it is about instead.</summary>
    public static string Describe(ReceiptMismatch mismatch, Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return mismatch switch
        {
            ReceiptMismatch.OtherDocument => $"it is the receipt of another document ({receipt.Digest})",
            ReceiptMismatch.OtherRegistry => $"it is a receipt of another registry ({receipt.Registry} on chain {receipt.ChainId})",
            _ => $"it is a receipt of another department ({receipt.Issuer.Code})",
        };
    }
}
