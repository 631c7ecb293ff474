using EthGov.Api.BulkJobs;
using EthGov.Api.ChainState;
using EthGov.Api.Documents;
using EthGov.Api.Exchanges;
using EthGov.Api.GrantRequests;
using EthGov.Application.Exchange.Grantee;
using EthGov.Chain.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Problems;

/// <summary>
/// The node's codes for failures it stores (<see cref="StoredError"/>), and their rendering in the caller's language
/// when a stored failure is answered: the node's codes through their catalog sentences, contract errors through the
/// titles <see cref="ChainProblems"/> gives them (Chinese by problem type), text in no known form as it was stored.
/// </summary>
public static class StoredErrors
{
    /// <summary>The chain could not be reached.</summary>
    public const string ChainUnavailable = "chain-unavailable";

    /// <summary>The chain node refused a request with an error that is not a contract's.</summary>
    public const string ChainRejected = "chain-rejected";

    /// <summary>No signer key is configured for the department (value <c>department</c>, its id).</summary>
    public const string NoSignerKey = "no-signer-key";

    /// <summary>A bulk item's digest another department asked to anchor first (value <c>digest</c>).</summary>
    public const string SubmittedByAnotherDepartment = "submitted-by-another-department";

    /// <summary>A grant approval that stopped before its grant reached the chain.</summary>
    public const string ApprovalInterrupted = "approval-interrupted";

    /// <summary>Another node answered a message with an HTTP error (values <c>department</c>, <c>status</c>, <c>type</c>).</summary>
    public const string NodeAnswered = "node-answered";

    /// <summary>
    /// Another node refused a message for good (values <c>department</c>, <c>status</c>, <c>type</c>, and <c>title</c>, its
    /// English title, which the Chinese answer replaces by type).
    /// </summary>
    public const string NodeRefused = "node-refused";

    /// <summary>This node has no node key to sign messages to other nodes with.</summary>
    public const string NoNodeKey = "no-node-key";

    /// <summary>The other department publishes no node on chain (value <c>department</c>).</summary>
    public const string NoNodePublished = "no-node-published";

    /// <summary>The other department's node could not be reached (value <c>department</c>; the node's log says how).</summary>
    public const string NodeUnreachable = "node-unreachable";

    /// <summary>The other department's node answered without its published key's signature (values <c>department</c>, <c>status</c>).</summary>
    public const string NodeUnsigned = "node-unsigned";

    /// <summary>An exchange's holder node could not be reached (value <c>department</c>; the node's log says how).</summary>
    public const string HolderUnreachable = "holder-unreachable";

    /// <summary>The chain could not be read to confirm an exchanged record's anchor.</summary>
    public const string AnchorUnconfirmed = "anchor-unconfirmed";

    /// <summary>An exchanged record is not found anchored by its holder yet (values <c>record</c>, <c>department</c>).</summary>
    public const string RecordNotAnchoredYet = "record-not-anchored-yet";

    /// <summary>The node has no record store to keep an exchanged record in.</summary>
    public const string NoRecordStore = "no-record-store";

    /// <summary>The record store refused an exchanged record (values <c>record</c>, <c>outcome</c>).</summary>
    public const string RecordStoreRefused = "record-store-refused";

    /// <summary>The holder's node is not found on chain to send a receipt to (value <c>department</c>).</summary>
    public const string ReceiptHolderUnknown = "receipt-holder-unknown";

    /// <summary>The holder's node answered a body of receipts with an HTTP error (values <c>department</c>, <c>status</c>).</summary>
    public const string ReceiptsAnswered = "receipts-answered";

    /// <summary>The holder's answer to a body of receipts left this one out.</summary>
    public const string ReceiptUnanswered = "receipt-unanswered";

    /// <summary>The holder did not record a receipt (value <c>outcome</c>; its words are in the log).</summary>
    public const string ReceiptNotRecorded = "receipt-not-recorded";

    /// <summary>The holder's node refused an exchange for good (value <c>reason</c>, the protocol's slug; its words are in the log).</summary>
    public const string HolderRefused = "holder-refused";

    /// <summary>A release failed this node's checks (signature, binding, content digest; the log says which).</summary>
    public const string ReleaseTampered = "release-tampered";

    /// <summary>An exchanged record is not valid on chain (values <c>record</c>, <c>status</c>).</summary>
    public const string RecordNotValid = "record-not-valid";

    /// <summary>An exchanged record is not anchored by its holder, after every check (values <c>record</c>, <c>department</c>).</summary>
    public const string RecordNotAnchored = "record-not-anchored";

    /// <summary>The codes a refused exchange's detail may hold; any other text in it is answered as written.</summary>
    public static readonly IReadOnlySet<string> ExchangeRefusals = new HashSet<string>(StringComparer.Ordinal)
    {
        HolderRefused, ReleaseTampered, RecordNotValid, RecordNotAnchored,
    };

    /// <summary>The node failed an exchange's step (its log says how).</summary>
    public const string StepFailed = "step-failed";

    /// <summary>A problem of this API, by its type and English title (values <c>type</c>, <c>title</c>).</summary>
    public const string Problem = "problem";

    /// <summary>
    /// The code to store for a refusal this node answered with <paramref name="problem"/>: the contract error when the
    /// chain refused, else the problem's type (and its English title, which the Chinese answer replaces by type).
    /// </summary>
    public static StoredError Of(ProblemHttpResult problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var details = problem.ProblemDetails;
        if (details.Extensions.TryGetValue("error", out var name) && name is string error
            && details.Extensions.TryGetValue("arguments", out var values) && values is IReadOnlyDictionary<string, object?> arguments)
        {
            return StoredError.Of(error, [.. arguments.Select(a => (a.Key, a.Value))]);
        }

        var type = details.Type is { } uri && uri.StartsWith(Problems.BaseUri, StringComparison.Ordinal) ? uri[Problems.BaseUri.Length..] : "about-blank";
        return StoredError.Of(Problem, ("type", type), ("title", details.Title));
    }

    /// <summary><paramref name="stored"/> in <paramref name="language"/> (<see cref="ProblemLanguages.Chinese"/> or English); null for null.</summary>
    public static string? Render(string? stored, string language) => stored is null ? null : Render(stored).In(language);

    /// <summary><paramref name="stored"/> in both languages.</summary>
    public static ProblemText Render(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!StoredError.TryParse(stored, out var error))
        {
            return StoredErrorTexts.AsStored.With(stored);
        }

        return error.Code switch
        {
            ChainUnavailable => StoredErrorTexts.ChainUnavailable,
            ChainRejected => StoredErrorTexts.ChainRejected,
            NoSignerKey => DocumentTexts.NoSignerKey.With(error["department"]),
            SubmittedByAnotherDepartment => BulkJobTexts.SubmittedByAnotherDepartment.With(error["digest"]),
            ApprovalInterrupted => GrantRequestTexts.ApprovalInterrupted,
            NodeAnswered => GrantRequestTexts.NodeAnswered.With(error["department"], error["status"], error["type"]),
            NodeRefused => GrantRequestTexts.NodeRefused.With(error["department"],
                new ProblemText(error["title"], ProblemLanguages.ChineseTitle(error["type"]) ?? error["type"])),
            NoNodeKey => GrantRequestTexts.NoNodeKey,
            NoNodePublished => GrantRequestTexts.NoNodePublished.With(error["department"]),
            NodeUnreachable => GrantRequestTexts.NodeUnreachable.With(error["department"]),
            NodeUnsigned => GrantRequestTexts.NodeUnsigned.With(error["department"], error["status"]),
            HolderUnreachable => ExchangeTexts.HolderUnreachable.With(error["department"]),
            ReleaseRetry.HolderKeyUnknown => ExchangeTexts.HolderKeyUnknown,
            ReleaseRetry.HolderRefusedForNow => ExchangeTexts.HolderRefusedForNow.With(error["reason"]),
            ReleaseRetry.HolderAnswered => ExchangeTexts.HolderAnswered.With(error["status"]),
            AnchorUnconfirmed => ExchangeTexts.AnchorUnconfirmed,
            RecordNotAnchoredYet => ExchangeTexts.RecordNotAnchoredYet.With(error["record"], error["department"]),
            NoRecordStore => ExchangeTexts.NoRecordStore,
            RecordStoreRefused => ExchangeTexts.RecordStoreRefused.With(error["record"], error["outcome"]),
            ReceiptHolderUnknown => ExchangeTexts.ReceiptHolderUnknown.With(error["department"]),
            ReceiptsAnswered => ExchangeTexts.ReceiptsAnswered.With(error["department"], error["status"]),
            ReceiptUnanswered => ExchangeTexts.ReceiptUnanswered,
            ReceiptNotRecorded => ExchangeTexts.ReceiptNotRecorded.With(error["outcome"]),
            StepFailed => ExchangeTexts.StepFailed,
            HolderRefused => ExchangeTexts.HolderRefused.With(error["reason"]),
            ReleaseTampered => ExchangeTexts.ReleaseTampered,
            RecordNotValid => ExchangeTexts.RecordNotValid.With(error["record"], error["status"]),
            RecordNotAnchored => ExchangeTexts.RecordNotAnchored.With(error["record"], error["department"]),
            Problem => ProblemLanguages.TitleText(error["type"], error["title"]),
            SenderStop.ErrorName => ChainTexts.SignerStopped.With(error["signer"], error["nonce"]),
            FencedOut.ErrorName => ChainTexts.NotLeaseHolder.With(error["signer"]),
            ChainStatus.ResetErrorName => ProblemLanguages.TitleText(ProblemTypes.ChainReset, ChainProblems.TitleOf(error.Code).Title),
            _ when char.IsUpper(error.Code[0]) => RegistryRefused(error),
            _ => StoredErrorTexts.AsStored.With(stored),
        };
    }

    // A contract error: the title of its problem type, then the error as the registry answered it.
    private static ProblemText RegistryRefused(StoredError error)
    {
        var (type, title) = ChainProblems.TitleOf(error.Code);
        var answered = $"{error.Code}({string.Join(", ", error.Values.Select(v => $"{v.Key}={v.Value}"))})";
        var titled = ProblemLanguages.ChineseTitle(type) is null ? StoredErrorTexts.RegistryRefusedOperation.Text : ProblemLanguages.TitleText(type, title);
        return StoredErrorTexts.RegistryRefused.With(titled, answered);
    }
}
