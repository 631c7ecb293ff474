using System.Security.Cryptography;
using System.Text;
using EthGov.Api.Grants;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.GrantRequests;

/// <summary>
/// What a grant request must say, checked alike by the requester's node when its staff ask and by the holder's node when
/// the request arrives (the holder trusts no other node's checks), with the grant routes' own rules for purpose, expiry and terms.
/// </summary>
public static class GrantRequestRules
{
    /// <summary>The longest legal basis text.</summary>
    public const int MaxLegalBasisLength = 1000;

    /// <summary>The longest note, and the longest refusal reason.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>The SHA-256 of the legal basis text (UTF-8), which the grant carries on chain.</summary>
    public static Digest LegalBasisDigest(string legalBasis) => new(SHA256.HashData(Encoding.UTF8.GetBytes(legalBasis)));

    /// <summary>A new request id: 128 random bits as 32 lowercase hex digits.</summary>
    public static string NewRequestId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="text"/> is a request id as <see cref="NewRequestId"/> makes them.</summary>
    public static bool IsRequestId(string? text)
        => text is { Length: 32 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>The problem with what a request asks, or null when it may be asked.</summary>
    public static ProblemHttpResult? Check(Digest? recordId, string? kind, int? purpose, DateTimeOffset? expiresAt, string? legalBasis, GrantTermsRequest? terms, string? note)
    {
        if ((recordId is null) == (kind is null))
        {
            return Problems.Problems.InvalidRequest(GrantRequestTexts.GiveRecordIdOneRecordOrKind);
        }

        if (kind is not null && !RecordKind.IsValidName(kind))
        {
            return Problems.Problems.Create(StatusCodes.Status400BadRequest, Problems.ProblemTypes.InvalidRecordKind, "The record kind is not a kind name",
                GrantRequestTexts.Kind1ToCharactersOfA.With(RecordKind.MaxNameLength));
        }

        if (GrantsApi.CommonProblem(purpose, expiresAt) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(legalBasis) || legalBasis.Length > MaxLegalBasisLength)
        {
            return Problems.Problems.InvalidRequest(GrantRequestTexts.LegalBasisTheLegalBasisInWords.With(MaxLegalBasisLength));
        }

        if (note is { Length: > MaxNoteLength })
        {
            return Problems.Problems.InvalidRequest(GrantRequestTexts.NoteAtMostCharacters.With(MaxNoteLength));
        }

        var (_, termsProblem) = GrantsApi.ReadTerms(terms, kind is null ? GrantBasis.LegalBasis : GrantBasis.KindLegalBasis);
        return termsProblem;
    }
}
