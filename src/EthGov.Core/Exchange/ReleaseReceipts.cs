namespace EthGov.Core.Exchange;

/// <summary>
/// The body of <c>POST /api/v1/node/releases/receipts</c>: a grantee node acknowledges, under one signature, the releases
/// one holder department gave it. A grantee that verified a hundred releases from one holder sends one request, not a
/// hundred; each receipt is answered on its own (<see cref="ReceiptAnswers"/>).
/// </summary>
/// <param name="Holder">The holder department whose releases are acknowledged; it signs the answer.</param>
/// <param name="Receipts">One receipt per release, each request id once, at most <see cref="MaxReceipts"/>.</param>
public sealed record ReleaseReceipts(uint Holder, IReadOnlyList<ReleaseReceipt> Receipts)
{
    /// <summary>The most receipts one request carries.</summary>
    public const int MaxReceipts = 256;

    /// <summary>What makes the body unusable, in words; null when it is well formed.</summary>
    public string? Problem()
    {
        if (Receipts is null || Receipts.Count == 0)
        {
            return "the body carries no receipt";
        }

        if (Receipts.Count > MaxReceipts)
        {
            return $"the body carries {Receipts.Count} receipts, and a request carries at most {MaxReceipts}";
        }

        var seen = new HashSet<Digests.Digest>();
        foreach (var receipt in Receipts)
        {
            if (receipt is null || receipt.RequestId.IsZero)
            {
                return "a receipt has no request id";
            }

            if (!seen.Add(receipt.RequestId))
            {
                return $"request {receipt.RequestId} is acknowledged twice in one body";
            }
        }

        return null;
    }
}
