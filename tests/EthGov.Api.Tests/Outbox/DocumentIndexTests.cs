using System.Security.Cryptography;
using EthGov.Api.Outbox;
using EthGov.Core.Digests;

namespace EthGov.Api.Tests.Outbox;

public sealed class DocumentIndexTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123);

    [Fact]
    public void Reserve_ManyDigestsThroughGrowth_EachFoundWithItsFields()
    {
        var index = new DocumentIndex();
        var digests = RandomDigests(200_000);
        for (int i = 0; i < digests.Length; i += 1_000)
        {
            var reservation = index.Reserve(digests.AsSpan(i, 1_000), (uint)(i / 1_000 % 3) + 1, (ulong)i, s_now, Task.CompletedTask);
            Assert.Equal(1_000, reservation.CreatedCount);
            index.Commit(reservation);
        }

        Assert.Equal(digests.Length, index.Count);
        for (int i = 0; i < digests.Length; i++)
        {
            Assert.True(index.TryGet(digests[i], out var entry));
            Assert.Equal(digests[i], entry.Digest);
            Assert.Equal((uint)(i / 1_000 % 3) + 1, entry.DepartmentId);
            Assert.Equal((ulong)(i / 1_000 * 1_000), entry.ValidUntil);
            Assert.Equal(s_now, entry.AcceptedAt);
            Assert.Equal(0, entry.BatchId);
        }

        Assert.False(index.TryGet(RandomDigests(1)[0], out _));
    }

    [Fact]
    public void ReserveReleaseAndLookUp_InterleavedThroughGrowth_AgreeWithASetAtEveryStep()
    {
        // The slots grow a few at a time: lookups, reservations of digests seen before and releases happen while some
        // digests are still in the old table, and each must behave as if there were one table.
        var index = new DocumentIndex();
        var held = new HashSet<Digest>();
        var digests = RandomDigests(60_000);
        var random = new Random(7);
        for (int i = 0; i < digests.Length; i += 100)
        {
            var chunk = digests.AsSpan(i, 100);
            var reservation = index.Reserve(chunk, 1, 0, s_now, Task.CompletedTask);
            Assert.Equal(100, reservation.CreatedCount);
            if (random.Next(4) == 0)
            {
                index.Release(reservation);
            }
            else
            {
                index.Commit(reservation);
                foreach (var digest in chunk)
                {
                    held.Add(digest);
                }
            }

            Assert.Equal(held.Count, index.Count);
            // Digests from anywhere so far: held ones found, released ones not, and a held one is known, not created again.
            for (int probe = 0; probe < 20; probe++)
            {
                var digest = digests[random.Next(i + 100)];
                Assert.Equal(held.Contains(digest), index.TryGet(digest, out _));
            }

            var again = digests[random.Next(i + 100)];
            var second = index.Reserve([again], 1, 0, s_now, Task.CompletedTask);
            Assert.Equal(held.Contains(again) ? 0 : 1, second.CreatedCount);
            index.Release(second);
        }

        foreach (var digest in digests)
        {
            Assert.Equal(held.Contains(digest), index.TryGet(digest, out _));
        }
    }

    [Fact]
    public void Reserve_DigestOfAnotherDepartment_ReservesNothingAndNamesIt()
    {
        var index = new DocumentIndex();
        var held = RandomDigests(1)[0];
        index.Commit(index.Reserve([held], 1, 0, s_now, Task.CompletedTask));
        var fresh = RandomDigests(3);

        var refused = index.Reserve([fresh[0], fresh[1], held, fresh[2]], 2, 0, s_now, Task.CompletedTask);

        Assert.Equal(held, refused.Conflict);
        Assert.Equal(0, refused.CreatedCount);
        Assert.Equal(1, index.Count);
        Assert.All(fresh, d => Assert.False(index.TryGet(d, out _)));
        Assert.Equal(3, index.Reserve(fresh, 2, 0, s_now, Task.CompletedTask).CreatedCount);
    }

    [Fact]
    public void Reserve_DigestBeingCommitted_IsKnownAndWaitsForThatCommit()
    {
        var index = new DocumentIndex();
        var digests = RandomDigests(2);
        var firstCommit = new TaskCompletionSource();
        var first = index.Reserve([digests[0]], 1, 0, s_now, firstCommit.Task);

        var second = index.Reserve(digests, 1, 0, s_now, Task.CompletedTask);

        Assert.Equal(1, second.CreatedCount);
        Assert.Equal(1, second.KnownCount);
        Assert.Same(firstCommit.Task, Assert.Single(second.KnownCommits));

        index.Commit(first);
        index.Commit(second);
        var third = index.Reserve(digests, 1, 0, s_now, Task.CompletedTask);
        Assert.Equal(0, third.CreatedCount);
        Assert.Equal(2, third.KnownCount);
        Assert.Empty(third.KnownCommits);
    }

    [Fact]
    public void Release_GivesDigestsBack_AndRemovedSlotsNeverFillTheTable()
    {
        var index = new DocumentIndex();
        var kept = RandomDigests(500);
        index.Commit(index.Reserve(kept, 1, 0, s_now, Task.CompletedTask));

        // Far more reservations given back than the table has slots: removed slots must be reclaimed.
        for (int round = 0; round < 50; round++)
        {
            var released = RandomDigests(1_000);
            var reservation = index.Reserve(released, 1, 0, s_now, Task.CompletedTask);
            index.Release(reservation);
            Assert.All(released, d => Assert.False(index.TryGet(d, out _)));
        }

        Assert.Equal(kept.Length, index.Count);
        Assert.All(kept, d => Assert.True(index.TryGet(d, out _)));
        Assert.Equal(kept.Length, index.Unbatched().Count);
    }

    [Fact]
    public async Task AssignBatch_SetsTheBatchAndWakesWaiters()
    {
        var index = new DocumentIndex();
        var digests = RandomDigests(4);
        var reservation = index.Reserve(digests, 1, 0, s_now, Task.CompletedTask);
        index.Commit(reservation);
        var assigned = index.NextBatchAssignment;
        Assert.False(assigned.IsCompleted);

        index.AssignBatch(reservation.Created[..3], 7);

        await assigned.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(index.TryGet(digests[0], out var entry));
        Assert.Equal(7, entry.BatchId);
        Assert.Equal([reservation.Created[3]], index.Unbatched());
    }

    [Fact]
    public void AddCommitted_APageOfRows_AddsTheNewOnesAndMarksTheHeldOnes()
    {
        var index = new DocumentIndex();
        var digests = RandomDigests(5);
        index.Commit(index.Reserve(digests.AsSpan(1, 2), 1, 0, s_now, Task.CompletedTask));
        var rows = digests.Select((d, i) => new CommittedDocument(d, 2, (ulong)i, s_now.ToUnixTimeMilliseconds())).ToArray();
        var records = new int[rows.Length];

        index.AddCommitted(rows, records);

        Assert.Equal([false, true, true, false, false], records.Select(r => r < 0).ToArray());
        Assert.Equal(5, index.Count);
        Assert.True(index.TryGet(digests[4], out var added));
        Assert.Equal((2u, 4ul), (added.DepartmentId, added.ValidUntil));
        Assert.True(index.TryGet(digests[1], out var held));
        Assert.Equal(1u, held.DepartmentId);
        Assert.Equal(new[] { records[0], records[3], records[4] }.Order(), index.Unbatched().Where(r => records.Contains(r)).Order());
    }

    [Fact]
    public async Task AssignMembers_LinksTheHeldMembersAndNamesTheOthers()
    {
        var index = new DocumentIndex();
        var digests = RandomDigests(4);
        index.Commit(index.Reserve(digests.AsSpan(0, 3), 1, 0, s_now, Task.CompletedTask));
        var assigned = index.NextBatchAssignment;
        var batch = new BatchRecord(9, 1, 0, default, [digests[3], digests[0], digests[2]], BatchState.Pending, 0, null, null, null, null, null, s_now);
        var missing = new List<Digest>();

        index.AssignMembers(batch, missing);

        await assigned.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([digests[3]], missing);
        Assert.Equal(new long[] { 9, 0, 9 }, digests[..3].Select(d => index.TryGet(d, out var e) ? e.BatchId : -1).ToArray());
    }

    [Fact]
    public void Unbatched_LeavesOutDocumentsNotYetCommitted()
    {
        var index = new DocumentIndex();
        var committed = index.Reserve(RandomDigests(2), 1, 0, s_now, Task.CompletedTask);
        index.Commit(committed);
        _ = index.Reserve(RandomDigests(2), 1, 0, s_now, Task.CompletedTask);

        Assert.Equal(committed.Created.ToArray(), index.Unbatched());
    }

    private static Digest[] RandomDigests(int count)
    {
        var bytes = RandomNumberGenerator.GetBytes(count * Digest.Size);
        var digests = new Digest[count];
        for (int i = 0; i < count; i++)
        {
            digests[i] = new Digest(bytes.AsSpan(i * Digest.Size, Digest.Size));
        }

        return digests;
    }
}
