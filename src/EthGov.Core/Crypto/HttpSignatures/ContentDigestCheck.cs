namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>The result of checking a <c>Content-Digest</c> field against the content received.</summary>
/// <param name="Outcome">Matches, or why not.</param>
/// <param name="Detail">What was compared, in a sentence.</param>
public sealed record ContentDigestCheck(ContentDigestOutcome Outcome, string Detail)
{
    /// <summary>True when every supported digest matches.</summary>
    public bool IsMatch => Outcome == ContentDigestOutcome.Matches;
}
