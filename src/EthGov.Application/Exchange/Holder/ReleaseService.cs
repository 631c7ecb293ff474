using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Application.Records;
using EthGov.Core.Crypto;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Holder;

/// <summary>
/// The holder's side of the exchange: checks a signed request (<see cref="ReleaseChecks"/>), seals the content with HPKE to
/// the encryption key the grantee publishes on chain (in a session, <see cref="ReleaseSenderSessions"/>), journals the release and commits, and only then answers. A retry
/// of an entry not yet acknowledged gets the journaled release again (one log, one release, possibly delivered twice);
/// after the grantee's receipt the entry is refused as <c>log-reused</c>. Kind queries (a legal basis for every record of
/// a kind) are answered the same way, with the sealed list of the person's records as the content.
/// </summary>
public sealed class ReleaseService(ReleaseChecks checks, ReleaseJournal journal, RecordStore records, TimeProvider? time = null, ReleaseSenderSessions? sessions = null)
{
    /// <summary>The media type of a kind query's answer.</summary>
    public const string QueryAnswerMediaType = "application/json";

    // Refusals that say something is not on chain yet, which a head read up to MaxReadAge ago can say wrongly.
    private static readonly HashSet<string> s_mayExistSince =
        [ExchangeRefusal.LogNotConfirmed, ExchangeRefusal.LogNotFound, ExchangeRefusal.NotHolder, ExchangeRefusal.NoGrant];

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ReleaseSenderSessions _sessions = sessions ?? new ReleaseSenderSessions(time);

    /// <summary>The node this service answers for.</summary>
    public HolderNode Node => checks.Node;

    /// <summary>Answers <c>POST /api/v1/node/releases</c>: <paramref name="message"/> as received, with its <paramref name="body"/>.</summary>
    public async Task<HolderAnswer> ReleaseAsync(HttpMessageParts message, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        => HolderMetrics.Answered(HolderMetrics.Release, await AnswerReleaseAsync(message, body, cancellationToken));

    /// <summary>
    /// Answers <c>POST /api/v1/node/releases/receipts</c>: the grantee that received releases of a department of this node
    /// acknowledges them, each log used up from then on. Each receipt gets its own answer; the body as a whole is refused
    /// only when it is not a list of receipts or names a department this node does not answer for.
    /// </summary>
    public async Task<HolderAnswer> AcknowledgeAsync(HttpMessageParts message, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        => HolderMetrics.Answered(HolderMetrics.Receipts, await AnswerReceiptsAsync(message, body, cancellationToken));

    private async Task<HolderAnswer> AnswerReleaseAsync(HttpMessageParts message, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var signed = await checks.CheckSignatureAsync(message, body, _time.GetUtcNow());
        if (!signed.Passed)
        {
            return signed.IsBusy ? new HolderAnswer(HolderAnswerKind.Busy, null, null, "too many requests in flight", null) : HolderAnswer.Refused(signed.Refusal!);
        }

        if (Parse<ReleaseRequest>(body.Span, out var problem) is not { } request)
        {
            return HolderAnswer.Invalid(problem!);
        }

        if (Problem(request) is { } invalid)
        {
            return HolderAnswer.Invalid(invalid);
        }

        var check = await checks.CheckReleaseAsync(request, signed.Value, cancellationToken);
        if (check.Refusal?.Reason is { } reason && s_mayExistSince.Contains(reason) && await checks.LaterBlockAsync(signed.Value.Block) is { } later)
        {
            // The head was a shared read, up to MaxReadAge old: a log confirmed since, or a record anchored, a grant made or a
            // log written just before the request, is judged again at a head read now, with every other check of the request
            // (all of one request's reads use one block).
            check = await checks.CheckReleaseAsync(request, signed.Value with { Block = later }, cancellationToken);
        }

        if (!check.Passed)
        {
            return HolderAnswer.Refused(check.Refusal!);
        }

        var passed = check.Value;
        if (passed.Journaled is { } again)
        {
            return again.IsErased ? Erased(again) : HolderAnswer.Released(again);
        }

        if (PublishedKeys.Encryption(passed.Sender.GranteeNode.EncryptionKey) is not { } granteeKey)
        {
            return HolderAnswer.Refused(new ExchangeRefusal(ExchangeRefusal.UnknownNodeKey, $"department {passed.Sender.Grantee} publishes no usable encryption key on chain"), passed.Holder);
        }

        var content = passed.Record is { } record
            ? (Bytes: record.Content!, MediaType: record.MediaType, Digest: record.Digest)
            : await QueryAnswerAsync(passed, cancellationToken);
        if (content.Bytes is null)
        {
            return HolderAnswer.Invalid("the sealed query does not open with this node's encryption key for this grant");
        }

        var sealedContent = _sessions.Seal(granteeKey, passed.Entry, request.Log.Root, content.Bytes);
        var release = new JournaledRelease(
            passed.EntryHash, request.RequestId, passed.Grant.Id, request.RecordId, passed.Holder, passed.Sender.Grantee, request.QueryDigest,
            request.Log.Root, passed.LogBlock, content.Digest, content.MediaType, sealedContent.EncapsulatedKey, sealedContent.Ciphertext,
            _time.GetUtcNow(), null) { LogProof = request.Log.Proof };
        var appended = await journal.AppendAsync(release, passed.Grant.Terms.MaxFetches, cancellationToken);
        return appended.Outcome switch
        {
            JournalAppendOutcome.Appended => HolderAnswer.Released(appended.Release!),
            JournalAppendOutcome.AlreadyJournaled when appended.Release!.IsAcknowledged =>
                HolderAnswer.Refused(new ExchangeRefusal(ExchangeRefusal.LogReused, $"the access entry {passed.EntryHash} was released and acknowledged; a log serves one release"), passed.Holder),
            JournalAppendOutcome.AlreadyJournaled when appended.Release!.IsErased => Erased(appended.Release),
            JournalAppendOutcome.AlreadyJournaled => HolderAnswer.Released(appended.Release!),
            JournalAppendOutcome.FetchLimitReached =>
                HolderAnswer.Refused(new ExchangeRefusal(ExchangeRefusal.FetchLimitReached, $"grant {passed.Grant.Id} allows {passed.Grant.Terms.MaxFetches} fetches, and all were used"), passed.Holder),
            _ => HolderAnswer.Refused(new ExchangeRefusal(ExchangeRefusal.LogReused, $"request {request.RequestId} of department {passed.Sender.Grantee} was released for another access entry"), passed.Holder),
        };
    }

    private async Task<HolderAnswer> AnswerReceiptsAsync(HttpMessageParts message, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var signed = await checks.CheckSignatureAsync(message, body, _time.GetUtcNow());
        if (!signed.Passed)
        {
            return signed.IsBusy ? new HolderAnswer(HolderAnswerKind.Busy, null, null, "too many requests in flight", null) : HolderAnswer.Refused(signed.Refusal!);
        }

        if (Parse<ReleaseReceipts>(body.Span, out var problem) is not { } receipts)
        {
            return HolderAnswer.Invalid(problem!);
        }

        if (receipts.Problem() is { } invalid)
        {
            return HolderAnswer.Invalid(invalid);
        }

        if (!await checks.Node.Hosts(receipts.Holder, cancellationToken))
        {
            return HolderAnswer.Invalid($"this node does not answer for department {receipts.Holder}");
        }

        var answers = await journal.AcknowledgeAsync(signed.Value.Grantee, receipts.Holder, receipts.Receipts, cancellationToken);
        return HolderAnswer.Acknowledged(new ReceiptAnswers(receipts.Holder, answers));
    }

    // The person's records of the grant's kind that the holder issued and that are valid on chain, as the JSON array the
    // grantee opens; the person identifier stays in this method and is never logged or journaled.
    private async Task<(byte[]? Bytes, string MediaType, Digest Digest)> QueryAnswerAsync(CheckedRelease passed, CancellationToken cancellationToken)
    {
        byte[] person;
        try
        {
            person = ReleaseContext.OpenQuery(checks.Node.Keys.Encryption, passed.Grant.Id, passed.Request.SealedQuery!);
        }
        catch (CryptographicException)
        {
            return (null, QueryAnswerMediaType, Digest.Zero);
        }

        var found = await records.FindByPersonAsync(passed.Grant.RecordId, Encoding.UTF8.GetString(person), passed.Holder, cancellationToken);
        CryptographicOperations.ZeroMemory(person);
        var items = new List<KindQueryItem>(found.Count);
        foreach (var record in found.Where(r => r.Origin == RecordOrigin.Issued && r.Content is not null))
        {
            var status = await checks.RecordStatusAsync(passed.Sender.Block, passed.Holder, record.Digest);
            if (status.Passed)
            {
                items.Add(new KindQueryItem(record.Digest, record.MediaType, Convert.ToBase64String(record.Content!)));
            }
        }

        var answer = JsonSerializer.SerializeToUtf8Bytes(items, s_json);
        return (answer, QueryAnswerMediaType, new Digest(SHA256.HashData(answer)));
    }

    // A release whose sealed copy the holder dropped when it erased the record is not sent again.
    private static HolderAnswer Erased(JournaledRelease release)
        => HolderAnswer.Refused(new ExchangeRefusal(ExchangeRefusal.RecordErased, $"the content released for request {release.RequestId} was erased by the holder"), release.Holder);

    private static T? Parse<T>(ReadOnlySpan<byte> body, out string? problem)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, s_json);
            problem = value is null ? "the body is null" : null;
            return value;
        }
        catch (JsonException ex)
        {
            problem = $"the body is not a {typeof(T).Name}: {ex.Message}";
            return null;
        }
    }

    private static string? Problem(ReleaseRequest request)
    {
        if (request.Log is null)
        {
            return "the request has no log";
        }

        if (request.Log.Proof is null || request.Log.Proof.Count > LogInclusion.MaxProofLength)
        {
            return $"the log's proof is missing or longer than {LogInclusion.MaxProofLength} elements";
        }

        if (request.RequestId.IsZero)
        {
            return "the request id is zero";
        }

        return (request.SealedQuery, request.QueryDigest) switch
        {
            (null, null) => null,
            ({ Enc: null } or { Ciphertext: null }, _) => "the sealed query lacks enc or ciphertext",
            ({ } sealedQuery, { } digest) when sealedQuery.Digest() == digest => null,
            (null, _) => "a query digest without a sealed query",
            (_, null) => "a sealed query without its digest",
            _ => "the query digest is not the SHA-256 of the sealed query",
        };
    }
}
