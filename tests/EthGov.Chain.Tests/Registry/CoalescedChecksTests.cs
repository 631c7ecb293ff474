using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Verification;

namespace EthGov.Chain.Tests.Registry;

public sealed class CoalescedChecksTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task LoneQuestion_IsSentAtOnce_AndAnsweredFromItsOwnQuery()
    {
        var node = new FakeNode();
        var checks = new CoalescedChecks(node.CheckMany, TimeSpan.Zero);

        var answer = checks.CheckAsync(5, "0xb5", Query(42));

        await node.WaitForCallsAsync(1);
        Assert.Equal([1], node.CallSizes);
        node.Complete(0);
        Assert.Equal(42UL, (await answer.WaitAsync(s_timeout)).Unwrap().AnchoredBlock);
    }

    [Fact]
    public async Task QuestionsArrivingWhileACallIsOut_TravelTogetherInTheNextCall_EachWithItsOwnAnswer()
    {
        var node = new FakeNode();
        var checks = new CoalescedChecks(node.CheckMany, TimeSpan.Zero);

        var answers = Enumerable.Range(1, 101).Select(i => checks.CheckAsync(5, "0xb5", Query((uint)i))).ToList();

        await node.WaitForCallsAsync(1);
        Assert.Equal([1], node.CallSizes);
        node.Complete(0);
        await node.WaitForCallsAsync(2);
        Assert.Equal([1, 100], node.CallSizes);
        node.Complete(1);

        var results = await Task.WhenAll(answers).WaitAsync(s_timeout);
        Assert.Equal(Enumerable.Range(1, answers.Count).Select(i => (ulong)i), results.Select(r => r.Unwrap().AnchoredBlock));
        Assert.Equal(2, node.CallSizes.Count);
    }

    [Fact]
    public async Task QuestionsAskedAllAtOnce_LeaveInOneCallEvenWhenNothingIsOut()
    {
        var node = new FakeNode(answerAtOnce: true);
        var checks = new CoalescedChecks(node.CheckMany, TimeSpan.Zero);

        var answers = checks.CheckAll(5, "0xb5", [.. Enumerable.Range(1, 7).Select(i => Query((uint)i))]);

        var results = await Task.WhenAll(answers).WaitAsync(s_timeout);
        Assert.Equal([7], node.CallSizes);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (ulong)i), results.Select(r => r.Unwrap().AnchoredBlock));
    }

    [Fact]
    public async Task MoreWaitingQuestionsThanOneCallCarries_AreSplitIntoCallsOfAtMostMaxPerCall()
    {
        var node = new FakeNode();
        var checks = new CoalescedChecks(node.CheckMany, TimeSpan.Zero);
        var first = checks.CheckAsync(5, "0xb5", Query(0));
        var waiting = Enumerable.Range(0, 2 * CoalescedChecks.MaxPerCall + 1).Select(i => checks.CheckAsync(5, "0xb5", Query((uint)i))).ToList();
        await node.WaitForCallsAsync(1);

        node.AnswerEverythingFromNowOn();

        await Task.WhenAll(waiting.Append(first)).WaitAsync(s_timeout);
        Assert.Equal([1, CoalescedChecks.MaxPerCall, CoalescedChecks.MaxPerCall, 1], node.CallSizes);
    }

    [Fact]
    public async Task Calls_BeginAtLeastTheSpacingApart_WhileALoneFirstQuestionGoesAtOnce()
    {
        var node = new FakeNode();
        node.AnswerEverythingFromNowOn();
        var spacing = TimeSpan.FromMilliseconds(300);
        var checks = new CoalescedChecks(node.CheckMany, spacing);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await checks.CheckAsync(5, "0xb5", Query(1)).WaitAsync(s_timeout);
        Assert.True(started.Elapsed < spacing, $"the first question waited {started.Elapsed}");
        var second = checks.CheckAsync(5, "0xb5", Query(2));
        var third = checks.CheckAsync(5, "0xb5", Query(3));
        await Task.WhenAll(second, third).WaitAsync(s_timeout);

        Assert.True(started.Elapsed >= spacing, $"the second call began {started.Elapsed} after the first");
        Assert.Equal([1, 2], node.CallSizes);
    }

    [Fact]
    public async Task FailedCall_FailsExactlyItsQuestions_AndTheNextQuestionAsksAgain()
    {
        var node = new FakeNode();
        var checks = new CoalescedChecks(node.CheckMany, TimeSpan.Zero);

        var failed = checks.CheckAsync(5, "0xb5", Query(1));
        await node.WaitForCallsAsync(1);
        node.Fail(0, ChainError.Unavailable("node went away"));
        var failure = await failed.WaitAsync(s_timeout);
        Assert.False(failure.IsSuccess);
        Assert.Equal(ChainErrorKind.Unavailable, failure.Error!.Kind);

        var retried = checks.CheckAsync(5, "0xb5", Query(1));
        await node.WaitForCallsAsync(2);
        node.Complete(1);
        Assert.True((await retried.WaitAsync(s_timeout)).IsSuccess);
    }

    [Fact]
    public async Task ThrowingCallAndShortAnswer_FailTheirQuestionsInsteadOfLeavingThemWaiting()
    {
        var throwing = new CoalescedChecks((_, _) => throw new HttpRequestException("connection refused"), TimeSpan.Zero);
        var thrown = await throwing.CheckAsync(5, "0xb5", Query(1)).WaitAsync(s_timeout);
        Assert.Equal(ChainErrorKind.Unavailable, thrown.Error!.Kind);

        var shortAnswer = new CoalescedChecks((_, _) => Task.FromResult(ChainResult<List<StoredRecord>>.Ok([])), TimeSpan.Zero);
        var missing = await shortAnswer.CheckAsync(5, "0xb5", Query(1)).WaitAsync(s_timeout);
        Assert.False(missing.IsSuccess);
    }

    [Fact]
    public async Task QuestionsAtDifferentBlocks_NeverShareACall()
    {
        var node = new FakeNode();
        var checks = new CoalescedChecks(node.CheckMany, TimeSpan.Zero);
        var atFive = Enumerable.Range(0, 4).Select(i => checks.CheckAsync(5, "0xb5", Query(5))).ToList();
        var atSix = Enumerable.Range(0, 3).Select(i => checks.CheckAsync(6, "0xb6", Query(6))).ToList();

        node.AnswerEverythingFromNowOn();
        await Task.WhenAll(atFive.Concat(atSix)).WaitAsync(s_timeout);

        Assert.Equal(4, node.CallSizes.Count);
        Assert.All(node.Calls, call => Assert.Single(call.Queries.Select(q => q.Digest.ToArray()[0]).Distinct()));
        Assert.All(node.Calls, call => Assert.Equal(call.Block, (ulong)call.Queries[0].Digest.ToArray()[0]));
    }

    private static RecordQuery Query(uint marker)
    {
        var digest = new byte[32];
        BitConverter.TryWriteBytes(digest, marker);
        return new RecordQuery(1, Digest.Zero, new Digest(digest));
    }

    /// <summary>A records call that answers each query with its own marker as the anchoring block, when the test says so.</summary>
    private sealed class FakeNode(bool answerAtOnce = false)
    {
        private readonly Lock _gate = new();
        private readonly List<(List<RecordQuery> Queries, ulong Block, TaskCompletionSource<ChainResult<List<StoredRecord>>> Answer)> _calls = [];
        private bool _answerAll = answerAtOnce;

        public List<(List<RecordQuery> Queries, ulong Block)> Calls
        {
            get { lock (_gate) { return _calls.ConvertAll(c => (c.Queries, c.Block)); } }
        }

        public List<int> CallSizes => Calls.ConvertAll(c => c.Queries.Count);

        public Task<ChainResult<List<StoredRecord>>> CheckMany(List<RecordQuery> queries, ulong block)
        {
            var answer = new TaskCompletionSource<ChainResult<List<StoredRecord>>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _calls.Add((queries, block, answer));
                if (_answerAll)
                {
                    answer.SetResult(AnswerTo(queries));
                }
            }

            return answer.Task;
        }

        public void Complete(int call)
        {
            lock (_gate)
            {
                _calls[call].Answer.SetResult(AnswerTo(_calls[call].Queries));
            }
        }

        public void Fail(int call, ChainError error)
        {
            lock (_gate)
            {
                _calls[call].Answer.SetResult(ChainResult<List<StoredRecord>>.Fail(error));
            }
        }

        public void AnswerEverythingFromNowOn()
        {
            lock (_gate)
            {
                _answerAll = true;
                foreach (var call in _calls.Where(c => !c.Answer.Task.IsCompleted))
                {
                    call.Answer.SetResult(AnswerTo(call.Queries));
                }
            }
        }

        public async Task WaitForCallsAsync(int count)
        {
            var deadline = DateTime.UtcNow + s_timeout;
            while (Calls.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"expected {count} calls, saw {Calls.Count}");
                await Task.Delay(5);
            }
        }

        private static ChainResult<List<StoredRecord>> AnswerTo(List<RecordQuery> queries) =>
            ChainResult<List<StoredRecord>>.Ok(queries.ConvertAll(q => default(StoredRecord) with { AnchoredBlock = BitConverter.ToUInt32(q.Digest.ToArray()) }));
    }
}
