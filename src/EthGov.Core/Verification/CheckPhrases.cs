using System.Text;

namespace EthGov.Core.Verification;

/// <summary>
/// Every sentence a check's detail is made of, in English, by key. Placeholders in braces name a phrase's values. The
/// verification page says each key in English and Chinese (<c>phrase.KEY</c> in its i18n.js); a test fails when a key
/// here has no Chinese sentence there, or one with other placeholders.
/// </summary>
public static class CheckPhrases
{
    /// <summary>Key to English template.</summary>
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["digest.file-matches"] = "the file's digest is {file}",
        ["digest.file-differs"] = "the file's digest {file} differs from {digest}",
        ["digest.receipt-matches"] = "the receipt names the same digest",
        ["digest.receipt-differs"] = "the receipt names {receiptDigest}, not {digest}",
        ["digest.nothing-to-compare"] = "no file or receipt given to compare with",

        ["proof.stated"] = "the proof from {from} leads from the digest to {root}, which the chain must know as a batch of the issuer",
        ["proof.lookup-failed"] = "{answers}",
        ["proof.no-receipt"] = "no receipt given",
        ["proof.not-batched"] = "anchored on its own, not in a batch: no proof needed",
        ["proof.leads-to-root"] = "the proof leads from the digest to batch root {root}",
        ["proof.leads-elsewhere"] = "the proof leads to {computed}, not to batch root {root}",

        ["issuer.receipt-names"] = "the receipt names department {department}",
        ["issuer.requested"] = "asked about department {department}, as requested",
        ["issuer.this-service"] = "this service anchored it for department {department}",
        ["issuer.node-search"] = "no department anchored it on its own; asked every active department's node for a proof: {from} gave one for department {department}",
        ["issuer.none"] = "asked every department: none anchored the digest on its own (a batch member is found with its receipt, its link's proof or its issuer node's)",
        ["issuer.only-one"] = "asked every department: only department {department} anchored the digest",
        ["issuer.only-legacy"] = "asked every department: none anchored the digest here; department {department} anchored it in registry 1.x before the cut-over",
        ["issuer.several"] = "asked every department: {count} anchored the digest; this verdict is about department {department}'s",
        ["issuer.listed-valid"] = "department {department} anchored it: valid there",
        ["issuer.listed-revoked"] = "department {department} anchored it: revoked there",
        ["issuer.listed-expired"] = "department {department} anchored it: expired there",
        ["issuer.listed-superseded"] = "department {department} anchored it: replaced there",
        ["issuer.listed-key-compromised"] = "department {department} anchored it with a key reported compromised",
        ["issuer.listed-unknown"] = "department {department} anchored it: status unknown",

        ["anchored.legacy-unknown-batch"] = "registry 1.x ({registry}) knew neither batch root {root} with this proof nor the digest before the cut-over at block {cutover}; what it anchored since does not count",
        ["anchored.legacy-unknown"] = "registry 1.x ({registry}) did not know the digest before the cut-over at block {cutover}; what it anchored since does not count",
        ["anchored.registry-unknown-batch"] = "the registry knows neither batch root {root} with this proof nor the digest (read at block {block})",
        ["anchored.registry-unknown"] = "the registry does not know the digest (read at block {block})",
        ["anchored.department-unknown-batch"] = "department {department} has anchored neither batch root {root} with this proof nor the digest (read at block {block})",
        ["anchored.department-unknown"] = "department {department} has not anchored the digest (read at block {block})",
        ["anchored.in-batch"] = "anchored in batch {root} in block {block}",
        ["anchored.in-batch-at"] = "anchored in batch {root} in block {block} at {time}",
        ["anchored.on-chain"] = "anchored on chain in block {block}",
        ["anchored.on-chain-at"] = "anchored on chain in block {block} at {time}",
        ["anchored.legacy"] = "anchored in block {block} of registry 1.x, before the cut-over at block {cutover}",

        ["not-anchored"] = "not anchored",
        ["issuer-known.not-anchored"] = "not anchored, so no issuer",
        ["issuer-known.not-registered"] = "department {departmentId} is not in the registry",
        ["issuer-known.issued-by"] = "issued by department {department}",
        ["issuer-status.active"] = "the department is active",
        ["issuer-status.suspended"] = "note: the department is now suspended; it can no longer issue, but documents it issued before stay valid",
        ["issuer-status.not-registered"] = "the department is not in the registry",

        ["key.none"] = "the registry records no anchoring key for it",
        ["key.never-compromised"] = "anchored by key {key} of the department, never reported compromised",
        ["key.compromised"] = "anchored by key {key} of the department, reported compromised since {since}, at or after which it anchored this document: whoever held the stolen key may have issued it",
        ["key.compromised-later"] = "anchored by key {key} of the department before it was reported compromised (since {since})",

        ["revoked.by-issuer"] = "revoked by its issuing department, reason {reason} ({reasonCode})",
        ["revoked.by-issuer-unlisted"] = "revoked by its issuing department, reason unlisted code {reasonCode}",
        ["revoked.no"] = "not revoked",
        ["expiry.registry-expired"] = "the registry reports it expired",
        ["expiry.none"] = "no expiry",
        ["expiry.expired"] = "expired at {validUntil} (chain time {chainTime})",
        ["expiry.valid-until"] = "valid until {validUntil} (chain time {chainTime})",
        ["superseded.by"] = "superseded by {successor}",
        ["superseded.registry"] = "the registry reports it superseded",
        ["superseded.no"] = "no newer document replaces it",

        ["receipt.none"] = "no receipt given",
        ["receipt.nothing-on-chain"] = "nothing on chain to compare the receipt with",
        ["receipt.agrees"] = "department {departmentId} and block {block} agree with the chain",
        ["receipt.differs-department"] = "department is {inReceipt} in the receipt but {onChain} on chain",
        ["receipt.differs-department-code"] = "department code is {inReceipt} in the receipt but {onChain} on chain",
        ["receipt.differs-department-name"] = "department name is {inReceipt} in the receipt but {onChain} on chain",
        ["receipt.differs-block"] = "block is {inReceipt} in the receipt but {onChain} on chain",
        ["receipt.differs-anchoring-time"] = "anchoring time is {inReceipt} in the receipt but {onChain} on chain",
        ["receipt.differs-valid-until"] = "validUntil is {inReceipt} in the receipt but {onChain} on chain",
        ["receipt.differs-chain-id"] = "chain id is {inReceipt} in the receipt but {onChain} on chain",
        ["receipt.differs-registry"] = "registry is {inReceipt} in the receipt but {onChain} on chain",

        ["transaction.none-named"] = "no receipt or record names the anchoring transaction",
        ["transaction.not-read-receipt"] = "the transaction {hash} that the receipt names was not read",
        ["transaction.not-read-record"] = "the transaction {hash} that this service's record names was not read",
        ["transaction.missing-receipt"] = "the chain has no transaction {hash}, which the receipt names",
        ["transaction.missing-record"] = "the chain has no transaction {hash}, which this service's record names",
        ["transaction.other-block"] = "transaction {hash} is in block {block}, not {statedBlock}",
        ["transaction.other-block-hash"] = "block {block} has hash {blockHash}, not {statedBlockHash}",
        ["transaction.other-recipient"] = "transaction {hash} was sent to {to}, not to the registry {registry}",
        ["transaction.failed"] = "transaction {hash} failed",
        ["transaction.no-anchor-event"] = "transaction {hash} did not anchor this document for department {department}",
        ["transaction.matches"] = "transaction {hash} in block {block} anchored it for department {department}",
    };

    /// <summary>A phrase of <paramref name="key"/> with <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">The key is not in <see cref="English"/>.</exception>
    public static CheckPhrase Of(string key, params (string Name, object? Value)[] values)
    {
        if (!English.ContainsKey(key))
        {
            throw new ArgumentException($"'{key}' is not a check phrase", nameof(key));
        }

        var map = new Dictionary<string, string>(values.Length, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            map[name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new CheckPhrase(key, map);
    }

    /// <summary>The English sentence of <paramref name="key"/> with <paramref name="values"/> in its placeholders.</summary>
    public static string Render(string key, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var template = English.TryGetValue(key, out var known) ? known : key;
        var text = new StringBuilder(template.Length + 64);
        for (var i = 0; i < template.Length; i++)
        {
            var end = template[i] == '{' ? template.IndexOf('}', i) : -1;
            if (end > i && values.TryGetValue(template[(i + 1)..end], out var value))
            {
                text.Append(value);
                i = end;
            }
            else
            {
                text.Append(template[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>The placeholder names in <paramref name="template"/>, in order.</summary>
    public static IReadOnlyList<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var names = new List<string>();
        for (var start = template.IndexOf('{'); start >= 0; start = template.IndexOf('{', start + 1))
        {
            var end = template.IndexOf('}', start);
            if (end < 0)
            {
                break;
            }

            names.Add(template[(start + 1)..end]);
        }

        return names;
    }
}
