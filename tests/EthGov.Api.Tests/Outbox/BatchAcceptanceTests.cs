using EthGov.Api.Outbox;
using EthGov.Core.Digests;

namespace EthGov.Api.Tests.Outbox;

public sealed class BatchAcceptanceTests
{
    private static readonly DateTimeOffset s_first = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
    private static readonly DateTimeOffset s_second = s_first.AddMilliseconds(7);

    [Fact]
    public void RunsOf_MembersInBatchOrder_OneRunPerStretchOfEqualTimes_CountsAddUpToTheMembers()
    {
        // Entries as the batcher reads them: two requests interleaved with a third, and positions that skip some.
        DocumentEntry[] entries =
        [
            Entry(s_first), Entry(s_first), Entry(s_second), Entry(s_first), Entry(s_second), Entry(s_second),
        ];

        var runs = BatchAcceptance.RunsOf(entries, [0, 1, 2, 4, 5, 3]);

        Assert.Equal([new AcceptedRun(s_first, 2), new AcceptedRun(s_second, 3), new AcceptedRun(s_first, 1)], runs);
    }

    [Fact]
    public void TryTake_GivesABatchsRunsOnce_AndNoneForABatchForgottenOrNeverFormed()
    {
        var acceptance = new BatchAcceptance();
        AcceptedRun[] runs = [new(s_first, 4)];
        acceptance.Formed(1, runs);
        acceptance.Formed(2, runs);
        acceptance.Forget(2);

        Assert.True(acceptance.TryTake(1, out var taken));
        Assert.Same(runs, taken);
        Assert.False(acceptance.TryTake(1, out _));
        Assert.False(acceptance.TryTake(2, out _));
        Assert.False(acceptance.TryTake(3, out _));
    }

    private static DocumentEntry Entry(DateTimeOffset acceptedAt) => new(default(Digest), 1, 0, acceptedAt, 0);
}
