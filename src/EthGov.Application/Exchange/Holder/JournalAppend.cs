namespace EthGov.Application.Exchange.Holder;

/// <summary>What appending to the <see cref="ReleaseJournal"/> did.</summary>
/// <param name="Outcome">Appended, or why not.</param>
/// <param name="Release">The release now journaled for the entry: the one appended, or the one journaled before.</param>
public sealed record JournalAppend(JournalAppendOutcome Outcome, JournaledRelease? Release);

/// <summary>The outcomes of <see cref="ReleaseJournal.AppendAsync"/>.</summary>
public enum JournalAppendOutcome
{
    /// <summary>The release was journaled and committed.</summary>
    Appended,

    /// <summary>The entry was journaled before (a concurrent or earlier request): its release is given instead.</summary>
    AlreadyJournaled,

    /// <summary>The grant's fetches are used up: nothing was journaled.</summary>
    FetchLimitReached,

    /// <summary>The grantee used this request id for another entry: nothing was journaled.</summary>
    RequestIdTaken,
}
