using System.Text;
using EthGov.Core.Digests;

namespace EthGov.Api.Documents;

/// <summary>
/// What a clerk searches the department's register for: <see cref="Query"/> matches a digest or its start (hex, with
/// or without 0x, at least 4 digits), or text within the file name or the reference; <see cref="From"/> and
/// <see cref="To"/> bound when the node accepted the document; <see cref="Status"/> keeps one status.
/// </summary>
public sealed record IssuedDocumentFilter(string? Query, DateTimeOffset? From, DateTimeOffset? To, string? Status)
{
    /// <summary>The statuses a document of the register has.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [IssuedStatus.Pending, IssuedStatus.Failed, IssuedStatus.Valid, IssuedStatus.Expired, IssuedStatus.Revoked, IssuedStatus.Superseded];

    /// <summary>The longest query taken.</summary>
    public const int MaxQueryLength = 128;

    /// <summary>The filter, or why the parameters cannot make one.</summary>
    public static (IssuedDocumentFilter? Filter, EthGov.Api.Problems.ProblemText? Error) Read(string? q, DateTimeOffset? from, DateTimeOffset? to, string? status)
    {
        var query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (query is { Length: > MaxQueryLength } || query?.Any(char.IsControl) == true)
        {
            return (null, DocumentTexts.QueryTooLong.With(MaxQueryLength));
        }

        if (from is { } f && to is { } t && t < f)
        {
            return (null, DocumentTexts.ToBeforeFrom.Text);
        }

        var wanted = string.IsNullOrWhiteSpace(status) ? null : status.Trim().ToLowerInvariant();
        if (wanted is not null && !Statuses.Contains(wanted))
        {
            return (null, DocumentTexts.StatusOneOf.With(string.Join(", ", Statuses)));
        }

        return (new IssuedDocumentFilter(query, from, to, wanted), null);
    }

    /// <summary>The upper-case hex a digest must start with, when <see cref="Query"/> can be the start of one.</summary>
    public string? DigestPrefix
    {
        get
        {
            var text = Query is { } q && q.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? q[2..] : Query;
            return text is { Length: >= 4 and <= Digest.Size * 2 } && text.All(char.IsAsciiHexDigit) ? text.ToUpperInvariant() : null;
        }
    }

    /// <summary><see cref="Query"/> as a LIKE pattern that finds it anywhere, its wildcards escaped with a backslash.</summary>
    public string? ContainsPattern
    {
        get
        {
            if (Query is null)
            {
                return null;
            }

            var pattern = new StringBuilder("%");
            foreach (var c in Query)
            {
                if (c is '%' or '_' or '\\')
                {
                    pattern.Append('\\');
                }

                pattern.Append(c);
            }

            return pattern.Append('%').ToString();
        }
    }
}
