namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// Why a holder's answer is asked for again, as a code and its values (the node stores them and says them in each
/// reader's language), and the same in an English sentence with the holder's own words, for the node's log.
/// </summary>
/// <param name="Code">One of the constants of this type.</param>
/// <param name="Values">The values the code's sentence names, by name.</param>
/// <param name="LogDetail">The English sentence for the log, with what the holder said.</param>
public sealed record ReleaseRetry(string Code, IReadOnlyList<KeyValuePair<string, string>> Values, string LogDetail)
{
    /// <summary>The answer is signed with a key the holder department does not publish (yet): it may have just rotated it.</summary>
    public const string HolderKeyUnknown = "holder-key-unknown";

    /// <summary>The holder refused for a reason that may pass (value <c>reason</c>, the protocol's slug).</summary>
    public const string HolderRefusedForNow = "holder-refused-for-now";

    /// <summary>The holder's node answered a status the protocol does not name (value <c>status</c>).</summary>
    public const string HolderAnswered = "holder-answered";

    /// <summary>A retry <paramref name="code"/> with one value <paramref name="name"/> = <paramref name="value"/>.</summary>
    public static ReleaseRetry Of(string code, string logDetail, string name, string value) => new(code, [new(name, value)], logDetail);

    /// <summary>A retry <paramref name="code"/> without values.</summary>
    public static ReleaseRetry Of(string code, string logDetail) => new(code, [], logDetail);
}
