using System.Diagnostics;
using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;

namespace EthGov.Chain.Registry;

/// <summary>
/// Answers concurrent document checks at one block in as few node calls as it can. One call at a time is out for a
/// block, and calls begin at least <c>spacing</c> apart; questions arriving meanwhile wait, and the next call carries
/// all of them (up to <see cref="MaxPerCall"/>) in one <c>checkManyMembers</c>. A quiet verifier's question goes out at
/// once; a busy verifier pays one eth_call per spacing, not one per document. The spacing is there because a
/// Hardhat node spends about a millisecond of CPU on every call however small (measured: about 1,000 calls a second
/// of two queries each kept it at 90% of a core at 2,000 first verifications a second). Each answer is still the
/// chain's at that block: <c>checkManyMembers</c> answers every query as <c>check</c>, or <c>checkInBatch</c> with a
/// valid proof, would.
/// </summary>
internal sealed class CoalescedChecks(Func<List<MemberQuery>, ulong, Task<ChainResult<List<DocumentViewTuple>>>> checkManyMembers, TimeSpan spacing)
{
    /// <summary>Queries per call: 256 stay far below a node's eth_call gas cap and answer in a few milliseconds.</summary>
    internal const int MaxPerCall = 256;

    /// <summary>The spacing the registry client uses: at most about 300 calls a second, at most 3 ms more to wait.</summary>
    internal static readonly TimeSpan DefaultSpacing = TimeSpan.FromMilliseconds(3);

    private readonly Lock _gate = new();
    private Round? _current;

    /// <summary>The registry's answer to <paramref name="query"/> at the block <paramref name="blockNumber"/> (<paramref name="blockHash"/>).</summary>
    public Task<ChainResult<DocumentViewTuple>> CheckAsync(ulong blockNumber, string blockHash, MemberQuery query)
    {
        var question = new Question(query);
        Round round;
        bool start;
        lock (_gate)
        {
            if (_current is null || _current.BlockHash != blockHash)
            {
                _current = new Round(blockNumber, blockHash);
            }

            round = _current;
            round.Waiting.Enqueue(question);
            start = !round.Sending;
            round.Sending = true;
        }

        if (start)
        {
            _ = SendWhileWaitingAsync(round);
        }

        return question.Answer.Task;
    }

    // The round's one sender: waits out the spacing since its previous call began, then sends what waits, until nothing
    // does; a round replaced by a newer block still drains what it holds.
    private async Task SendWhileWaitingAsync(Round round)
    {
        while (true)
        {
            if (round.LastCallStarted != 0 && spacing - Stopwatch.GetElapsedTime(round.LastCallStarted) is { Ticks: > 0 } rest)
            {
                await Task.Delay(rest).ConfigureAwait(false);
            }

            List<Question> questions;
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

    private async Task<ChainResult<List<DocumentViewTuple>>> CallAsync(List<Question> questions, ulong blockNumber)
    {
        try
        {
            return await checkManyMembers(questions.ConvertAll(q => q.Query), blockNumber).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The delegate reports chain failures as results; anything else must still answer every waiting caller.
            return ChainResult<List<DocumentViewTuple>>.Fail(ChainError.Unavailable(ex.Message));
        }
    }

    private static void Answer(List<Question> questions, ChainResult<List<DocumentViewTuple>> result)
    {
        if (result.IsSuccess && result.Value.Count != questions.Count)
        {
            result = ChainResult<List<DocumentViewTuple>>.Fail(
                ChainError.Rejected($"checkManyMembers answered {result.Value.Count} of {questions.Count} queries"));
        }

        for (int i = 0; i < questions.Count; i++)
        {
            questions[i].Answer.SetResult(result.IsSuccess
                ? ChainResult<DocumentViewTuple>.Ok(result.Value[i])
                : ChainResult<DocumentViewTuple>.Fail(result.Error));
        }
    }

    private sealed record Question(MemberQuery Query)
    {
        public TaskCompletionSource<ChainResult<DocumentViewTuple>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
