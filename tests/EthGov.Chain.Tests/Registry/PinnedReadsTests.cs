using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;

namespace EthGov.Chain.Tests.Registry;

public sealed class PinnedReadsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ZeroMaxAge_CallerArrivingDuringARead_WaitsForANewerRead()
    {
        var node = new FakeNode();
        var reads = new PinnedReads(node.ReadLatest, TimeSpan.Zero, new ConfirmedBlock());

        var first = reads.LatestAsync();
        var second = reads.LatestAsync();
        node.Complete(0, block: 10);

        Assert.Equal(10UL, (await first).Value.Number);
        Assert.False(second.IsCompleted);
        await node.WaitForReadsAsync(2);
        node.Complete(1, block: 11);
        Assert.Equal(11UL, (await second.WaitAsync(s_timeout)).Value.Number);

        // Even right after a completed read, strict mode reads again.
        var third = reads.LatestAsync();
        Assert.False(third.IsCompleted);
        Assert.Equal(3, node.Reads);
    }

    [Fact]
    public async Task RecentCompletedRead_IsSharedWithoutAskingTheNode()
    {
        var node = new FakeNode();
        var reads = new PinnedReads(node.ReadLatest, TimeSpan.FromSeconds(30), new ConfirmedBlock());
        var first = reads.LatestAsync();
        node.Complete(0, block: 7);
        await first;

        var later = reads.LatestAsync();

        Assert.True(later.IsCompleted);
        Assert.Equal(7UL, (await later).Value.Number);
        Assert.Equal(1, node.Reads);
    }

    [Fact]
    public async Task ReadOlderThanHalfTheMaxAge_IsUsedWhileANewOneStarts_AndOlderThanMaxAgeIsNot()
    {
        var node = new FakeNode();
        var reads = new PinnedReads(node.ReadLatest, TimeSpan.FromSeconds(2), new ConfirmedBlock());
        var first = reads.LatestAsync();
        node.Complete(0, block: 7);
        await first;
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        var stillFresh = reads.LatestAsync();

        Assert.True(stillFresh.IsCompleted);
        Assert.Equal(7UL, (await stillFresh).Value.Number);
        Assert.Equal(2, node.Reads);
        node.Complete(1, block: 8);
        Assert.Equal(8UL, (await reads.LatestAsync()).Value.Number);

        // The background read began 1.1 s in; 2.1 s later it is older than the bound and a caller waits for a new one.
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var tooOld = reads.LatestAsync();
        Assert.False(tooOld.IsCompleted);
        node.Complete(2, block: 9);
        Assert.Equal(9UL, (await tooOld.WaitAsync(s_timeout)).Value.Number);
    }

    [Fact]
    public async Task OwnTransactionInALaterBlock_ForcesANewRead()
    {
        var node = new FakeNode();
        var confirmed = new ConfirmedBlock();
        var reads = new PinnedReads(node.ReadLatest, TimeSpan.FromSeconds(30), confirmed);
        var first = reads.LatestAsync();
        node.Complete(0, block: 7);
        await first;

        confirmed.Raise(8);
        var afterWrite = reads.LatestAsync();

        Assert.False(afterWrite.IsCompleted);
        node.Complete(1, block: 8);
        Assert.Equal(8UL, (await afterWrite.WaitAsync(s_timeout)).Value.Number);
        Assert.True(reads.LatestAsync().IsCompleted);
    }

    [Fact]
    public async Task FailedRead_IsNeverShared()
    {
        var node = new FakeNode();
        var reads = new PinnedReads(node.ReadLatest, TimeSpan.FromSeconds(30), new ConfirmedBlock());
        var failed = reads.LatestAsync();
        node.Fail(0);
        Assert.False((await failed).IsSuccess);

        var next = reads.LatestAsync();

        Assert.False(next.IsCompleted);
        Assert.Equal(2, node.Reads);
    }

    private sealed class FakeNode
    {
        private readonly List<TaskCompletionSource<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>>> _reads = [];

        public int Reads
        {
            get
            {
                lock (_reads)
                {
                    return _reads.Count;
                }
            }
        }

        public async Task WaitForReadsAsync(int count)
        {
            var deadline = DateTime.UtcNow + s_timeout;
            while (Reads < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the node was asked {Reads} times, expected {count}");
                await Task.Delay(5);
            }
        }

        public Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>> ReadLatest()
        {
            var read = new TaskCompletionSource<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>>();
            lock (_reads)
            {
                _reads.Add(read);
            }

            return read.Task;
        }

        public void Complete(int read, ulong block)
            => At(read).SetResult(ChainResult<(ulong, DateTimeOffset, string)>.Ok((block, DateTimeOffset.UnixEpoch, $"0x{block:x64}")));

        public void Fail(int read)
            => At(read).SetResult(ChainResult<(ulong, DateTimeOffset, string)>.Fail(
                new ChainError(ChainErrorKind.Unavailable, "Unavailable", new Dictionary<string, object?>(), "node down")));

        private TaskCompletionSource<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>> At(int read)
        {
            lock (_reads)
            {
                return _reads[read];
            }
        }
    }
}
