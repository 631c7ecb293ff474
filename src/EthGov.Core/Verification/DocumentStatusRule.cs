namespace EthGov.Core.Verification;

/// <summary>
/// The registry's status rule (IDocumentRegistry's <c>@dev</c>), applied off chain to a <see cref="StoredRecord"/>,
/// as a caller that proved batch membership itself must: Revoked &gt; KeyCompromised &gt; Superseded &gt; Expired &gt;
/// Valid, expiry judged by the chain time of the block the record was read at. It answers exactly as the contract's
/// <c>check</c> and <c>checkInBatch</c> (a test compares them on a node).
/// </summary>
public static class DocumentStatusRule
{
    /// <summary>
    /// The status of <paramref name="record"/> at a block with timestamp <paramref name="chainTime"/>. For a batch,
    /// call it only after checking the document's proof under the root; an unproven leaf is Unknown.
    /// </summary>
    public static DocumentStatus Derive(StoredRecord record, DateTimeOffset chainTime)
    {
        if (!record.Anchored)
        {
            return DocumentStatus.Unknown;
        }

        if (record.Revoked)
        {
            return DocumentStatus.Revoked;
        }

        if (IsAnchoredByCompromisedKey(record))
        {
            return DocumentStatus.KeyCompromised;
        }

        if (record.Superseded)
        {
            return DocumentStatus.Superseded;
        }

        // The contract: expired when block.timestamp > validUntil; validUntil 0 never expires.
        return record.ValidUntil != 0 && (ulong)chainTime.ToUnixTimeSeconds() > record.ValidUntil
            ? DocumentStatus.Expired
            : DocumentStatus.Valid;
    }

    /// <summary>
    /// Whether the anchoring key was reported compromised since a time at or before the anchoring
    /// (<c>anchoredAt &gt;= compromisedSince</c>): a key stolen later does not taint what it anchored before.
    /// </summary>
    public static bool IsAnchoredByCompromisedKey(StoredRecord record)
        => record.KeyCompromisedSince != 0 && record.AnchoredAt >= record.KeyCompromisedSince;
}
