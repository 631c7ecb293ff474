namespace EthGov.Core.Verification;

/// <summary>One named check in a <see cref="Verdict"/>, with sentences a person can read.</summary>
/// <param name="Name">One of the <see cref="CheckNames"/>.</param>
/// <param name="Outcome">Whether it passed, failed or did not apply.</param>
/// <param name="Phrases">What was compared and found, as keys of <see cref="CheckPhrases"/> with their values.</param>
public sealed record VerificationCheck(string Name, CheckOutcome Outcome, IReadOnlyList<CheckPhrase> Phrases)
{
    /// <summary>The detail in English: the sentences joined by semicolons.</summary>
    public string Detail => string.Join("; ", Phrases.Select(p => p.English));

    /// <summary>Two checks are equal when their names, outcomes and sentences are.</summary>
    public bool Equals(VerificationCheck? other)
        => other is not null && Name == other.Name && Outcome == other.Outcome && Phrases.SequenceEqual(other.Phrases);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Outcome, Phrases.Count);
}
