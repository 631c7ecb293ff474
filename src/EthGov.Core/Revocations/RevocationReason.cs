namespace EthGov.Core.Revocations;

/// <summary>
/// One code of EthGov's published list of revocation reasons: the number the registry records on chain, the name the
/// API and the CLI accept, and a title and a description in each language of <see cref="RevocationReasons.Languages"/>.
/// </summary>
/// <param name="Number">The code stored on chain (the registry's <c>uint16 reason</c>).</param>
/// <param name="Name">The stable name: lower-case words joined by hyphens.</param>
/// <param name="Title">A few words for people, by language tag.</param>
/// <param name="Description">When a department uses the code, by language tag.</param>
public sealed record RevocationReason(
    ushort Number, string Name, IReadOnlyDictionary<string, string> Title, IReadOnlyDictionary<string, string> Description)
{
    /// <summary>The name and the number, as one-line messages write them: <c>fraud (4)</c>.</summary>
    public override string ToString() => $"{Name} ({Number})";
}
