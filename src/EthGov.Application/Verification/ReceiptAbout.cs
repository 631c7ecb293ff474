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
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (receipt.Digest != digest)
        {
            return $"it is the receipt of another document ({receipt.Digest})";
        }

        if (receipt.ChainId != chainId || !registries.Any(r => string.Equals(r, receipt.Registry, StringComparison.OrdinalIgnoreCase)))
        {
            return $"it is a receipt of another registry ({receipt.Registry} on chain {receipt.ChainId})";
        }

        return receipt.Issuer.Id != departmentId ? $"it is a receipt of another department ({receipt.Issuer.Code})" : null;
    }
}
