using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Application.Verification;

/// <summary>A verdict with the chain facts it rests on.</summary>
/// <param name="Verdict">The outcome and every check behind it.</param>
/// <param name="Facts">What the chain said, and at which block.</param>
public sealed record VerificationReport(Verdict Verdict, ChainFacts Facts)
{
    /// <summary>What the verdict was evaluated from, so a caller that learns more (a failed proof lookup) can evaluate again without reading the chain again.</summary>
    public VerificationRequest? Request { get; init; }

    /// <summary>The root of the batch whose leaf was read (the receipt's or the recorded one), or null for a single anchor or a search.</summary>
    public Digest? BatchRoot { get; init; }
}
