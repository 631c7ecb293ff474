using EthGov.Api.Problems;
using EthGov.Application.Records;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Records;

/// <summary>The problem types of the record routes, and the answers to a refused keep.</summary>
public static class RecordProblems
{
    /// <summary>503: the node has no data key (<c>EthGov:DataKey</c>), so it keeps no records.</summary>
    public const string RecordsNotConfigured = "records-not-configured";

    /// <summary>404: the caller's department keeps no record with that digest.</summary>
    public const string RecordNotFound = "record-not-found";

    /// <summary>410: the record's content was erased; the anchor stays.</summary>
    public const string RecordErased = "record-erased";

    /// <summary>413: the content is larger than <c>EthGov:Records:MaxRecordBytes</c>.</summary>
    public const string RecordTooLarge = "record-too-large";

    /// <summary>400: the content is not what its digest says.</summary>
    public const string DigestMismatch = "digest-mismatch";

    /// <summary>The 503 of a node without a data key.</summary>
    public static ProblemHttpResult NotConfigured()
        => Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, RecordsNotConfigured, "This node keeps no records",
            RecordTexts.TheNodeHasNoDataKey);

    /// <summary>The 404 of a record the caller's department does not keep.</summary>
    public static ProblemHttpResult NotFound(Digest digest)
        => Problems.Problems.Create(StatusCodes.Status404NotFound, RecordNotFound, "The record is not kept here", RecordTexts.TheDepartmentKeepsNoRecordOn.With(digest));

    /// <summary>The 410 of an erased record.</summary>
    public static ProblemHttpResult Erased(Digest digest, DateTimeOffset? erasedAt)
        => Problems.Problems.Create(StatusCodes.Status410Gone, RecordErased, "The record's content was erased",
            RecordTexts.TheContentOfWasErasedIts.With(digest, (erasedAt is { } at ? $" at {at:O}" : string.Empty)),
            new Dictionary<string, object?> { ["erasedAt"] = erasedAt });

    /// <summary>The 413 of content over the limit.</summary>
    public static ProblemHttpResult TooLarge(long limit)
        => Problems.Problems.Create(StatusCodes.Status413PayloadTooLarge, RecordTooLarge, "The record is too large", RecordTexts.RecordsKeptByThisNodeAre.With(limit));

    /// <summary>The problem for a keep the store refused, or null when it kept the record (now or before).</summary>
    public static ProblemHttpResult? Of(RecordPutOutcome outcome, Digest digest, long limit) => outcome switch
    {
        RecordPutOutcome.Stored or RecordPutOutcome.AlreadyStored => null,
        RecordPutOutcome.TooLarge => TooLarge(limit),
        RecordPutOutcome.DigestMismatch => Problems.Problems.Create(StatusCodes.Status400BadRequest, DigestMismatch, "The content does not match its digest", RecordTexts.SHA256OfTheContentIs.With(digest)),
        RecordPutOutcome.Erased => Erased(digest, null),
        RecordPutOutcome.OtherDepartment => Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.AnchoredByAnotherDepartment, "Another department keeps this record", RecordTexts.IsKeptByAnotherDepartment.With(digest)),
        RecordPutOutcome.InvalidMetadata => Problems.Problems.InvalidRequest(RecordTexts.KindSubjectOrPersonIsNot),
        _ => throw new System.Diagnostics.UnreachableException($"no problem for {outcome}"),
    };
}
