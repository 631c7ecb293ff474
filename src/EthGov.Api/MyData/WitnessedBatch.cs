using EthGov.Core.Digests;

namespace EthGov.Api.MyData;

/// <summary>What a grantee's node answered for an access-log root's entries, judged against the chain.</summary>
/// <param name="State"><c>complete</c>, <c>withholding</c>, <c>unreachable</c> or <c>unchecked</c>.</param>
/// <param name="Detail">A sentence on the answer.</param>
/// <param name="Entries">The entries, when complete.</param>
public sealed record WitnessedBatch(string State, string Detail, IReadOnlySet<Digest>? Entries)
{
    /// <summary>The node showed every entry, and they make the root.</summary>
    public static WitnessedBatch Complete(IReadOnlyList<Digest> entries, string detail) => new("complete", detail, entries.ToHashSet());

    /// <summary>The node showed another count or another root, or refused to show the root.</summary>
    public static WitnessedBatch Withholding(string detail) => new("withholding", detail, null);

    /// <summary>The node could not be reached.</summary>
    public static WitnessedBatch Unreachable(string detail) => new("unreachable", detail, null);

    /// <summary>Not asked.</summary>
    public static WitnessedBatch Unchecked(string detail) => new("unchecked", detail, null);

    /// <summary>What this answer says of <paramref name="entry"/>: a complete answer that lacks it withholds it.</summary>
    public (string State, string Detail) Of(Digest entry)
        => Entries is { } shown && !shown.Contains(entry)
            ? ("withholding", "the grantee's node shows the root's entries without this one")
            : (State, Detail);
}
