using System.Diagnostics;
using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Core.Verification;

namespace EthGov.Chain.Registry;

/// <summary>
/// Answers concurrent document checks at one block in as few node calls as it can. One call at a time is out for a
/// block, and calls begin at least <c>spacing</c> apart; questions arriving meanwhile wait, and the next call carries
/// all of them (up to <see cref="MaxPerCall"/>) in one <c>records</c> call. A quiet verifier's question goes out at
/// once; a busy verifier pays one eth_call per spacing, not one per document. The spacing is there because a
/// Hardhat node spends about a millisecond of CPU on every call however small (measured: about 1,000 calls a second
/// of two queries each kept it at 90% of a core at 2,000 first verifications a second). Each answer is the registry's
/// stored record at that block; the caller checks batch proofs and derives the status itself.
/// </summary>
internal sealed class CoalescedChecks(Func<List<RecordQuery>, ulong, Task<ChainResult<List<StoredRecord>>>> records, TimeSpan spacing)
{
    /// <summary>Queries per call: 256 stay far below a node's eth_call gas cap and answer in a few milliseconds.</summary>
    internal const int MaxPerCall = 256;

    /// <summary>The spacing the registry client uses: at most about 300 calls a second, at most 3 ms more to wait.</summary>
    internal static readonly TimeSpan s_defaultSpacing = TimeSpan.FromMilliseconds(3);

    private readonly Lock _gate = new();
    private Round? _current;

    /// <summary>The registry's record for <paramref name="query"/> at the block <paramref name="blockNumber"/> (<paramref name="blockHash"/>).</summary>
    public Task<ChainResult<StoredRecord>> CheckAsync(ulong blockNumber, string blockHash, RecordQuery query)
        => Enqueue(blockNumber, blockHash, [query])[0];

    /// <summary>
    /// The records for each of <paramref name="queries"/> at one block, queued together so that they leave in the same
    /// call (up to <see cref="MaxPerCall"/> of them), as when a verifier asks every department about one digest.
    /// </summary>
    public Task<ChainResult<StoredRecord>>[] CheckAll(ulong blockNumber, string blockHash, IReadOnlyList<RecordQuery> queries)
        => Enqueue(blockNumber, blockHash, queries);

    private Task<ChainResult<StoredRecord>>[] Enqueue(ulong blockNumber, string blockHash, IReadOnlyList<RecordQuery> queries)
    {
        var answers = new Task<ChainResult<StoredRecord>>[queries.Count];
        Round round;
        bool start;
        lock (_gate)
        {
            if (_current is null || _current.BlockHash != blockHash)
            {
                _current = new Round(blockNumber, blockHash);
            }

            round = _current;
            for (int i = 0; i < queries.Count; i++)
            {
                var question = new Question(queries[i]);
                round.Waiting.Enqueue(question);
                answers[i] = question.Answer.Task;
            }

            start = !round.Sending;
            round.Sending = true;
        }

        if (start)
        {
            _ = SendWhileWaitingAsync(round);
        }

        return answers;
    }

    // The round's one sender: waits out the spacing since its previous call began, then sends what waits, until nothing
    // does; a round replaced by a newer block still drains what it holds. Nobody awaits it: its callers await their
    // answers, so it never fails, it answers.
    private async Task SendWhileWaitingAsync(Round round)
    {
        var questions = new List<Question>();
        try
        {
            while (true)
            {
                if (round.LastCallStarted != 0 && spacing - Stopwatch.GetElapsedTime(round.LastCallStarted) is { Ticks: > 0 } rest)
                {
                    await Task.Delay(rest).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    if (round.Waiting.Count == 0)
                    {
                        round.Sending = false;
                        return;
                    }

                    questions = new List<Question>(Math.Min(round.Waiting.Count, MaxPerCall));
                    while (questions.Count < MaxPerCall && round.Waiting.TryDequeue(out var next))
                    {
                        questions.Add(next);
                    }
                }

                round.LastCallStarted = Stopwatch.GetTimestamp();
                Answer(questions, await CallAsync(questions, round.BlockNumber).ConfigureAwait(false));
            }
        }
        catch (Exception ex)
        {
            // Nothing above is expected to throw (CallAsync reports failures as results); should it, every caller of the
            // round gets the failure instead of waiting for ever.
            var failed = ChainResult<StoredRecord>.Fail(ChainError.Unavailable(ex.Message));
            lock (_gate)
            {
                questions.AddRange(round.Waiting);
                round.Waiting.Clear();
                round.Sending = false;
            }

            foreach (var question in questions)
            {
                question.Answer.TrySetResult(failed);
            }
        }
    }

    private async Task<ChainResult<List<StoredRecord>>> CallAsync(List<Question> questions, ulong blockNumber)
    {
        try
        {
            return await records(questions.ConvertAll(q => q.Query), blockNumber).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The delegate reports chain failures as results; anything else must still answer every waiting caller.
            return ChainResult<List<StoredRecord>>.Fail(ChainError.Unavailable(ex.Message));
        }
    }

    private static void Answer(List<Question> questions, ChainResult<List<StoredRecord>> result)
    {
        if (result.IsSuccess && result.Value.Count != questions.Count)
        {
            result = ChainResult<List<StoredRecord>>.Fail(
                ChainError.Rejected($"records answered {result.Value.Count} of {questions.Count} queries"));
        }

        for (int i = 0; i < questions.Count; i++)
        {
            questions[i].Answer.SetResult(result.IsSuccess
                ? ChainResult<StoredRecord>.Ok(result.Value[i])
                : ChainResult<StoredRecord>.Fail(result.Error));
        }
    }

    private sealed record Question(RecordQuery Query)
    {
        public TaskCompletionSource<ChainResult<StoredRecord>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Round(ulong BlockNumber, string BlockHash)
    {
        public Queue<Question> Waiting { get; } = new();

        // Under the gate: whether the round's sender runs.
        public bool Sending { get; set; }

        // Touched by the sender only.
        public long LastCallStarted { get; set; }
    }
}
