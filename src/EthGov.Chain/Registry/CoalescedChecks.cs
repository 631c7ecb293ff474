using EthGov.Chain.Abi;
using EthGov.Chain.Contracts;

namespace EthGov.Chain.Registry;

/// <summary>
/// Answers concurrent document checks at one block in as few node round trips as it can. A question arriving while
/// fewer than <see cref="MaxInFlight"/> calls are out for its block is sent at once; questions arriving while they are
/// out wait, and the next call carries all of them (up to <see cref="MaxPerCall"/>) in one <c>checkMany</c>. A quiet
/// verifier therefore waits one round trip as before, and a busy one pays one eth_call per round trip, not one per
/// document. Each answer is still the chain's at that block: <c>checkMany</c> answers every query exactly as
/// <c>check</c> or <c>checkInBatch</c> would.
/// </summary>
internal sealed class CoalescedChecks(Func<List<CheckQuery>, ulong, Task<ChainResult<List<DocumentViewTuple>>>> checkMany)
{
    /// <summary>Queries per call: 256 batch leaves with 33-hash proofs stay far below a node's eth_call gas cap.</summary>
    internal const int MaxPerCall = 256;

    /// <summary>Calls out at once for one block: two keep the node busy while one answer travels back.</summary>
    internal const int MaxInFlight = 2;

    private readonly Lock _gate = new();
    private Round? _current;

    /// <summary>The registry's answer to <paramref name="query"/> at the block <paramref name="blockNumber"/> (<paramref name="blockHash"/>).</summary>
    public Task<ChainResult<DocumentViewTuple>> CheckAsync(ulong blockNumber, string blockHash, CheckQuery query)
    {
        var question = new Question(query);
        Round round;
        bool send;
        lock (_gate)
        {
            if (_current is null || _current.BlockHash != blockHash)
            {
                _current = new Round(blockNumber, blockHash);
            }

            round = _current;
            round.Waiting.Enqueue(question);
            send = round.InFlight < MaxInFlight;
            if (send)
            {
                round.InFlight++;
            }
        }

        if (send)
        {
            _ = SendWhileWaitingAsync(round);
        }

        return question.Answer.Task;
    }

    // Sends the round's waiting questions, a call at a time, until none wait; a round replaced by a newer block still
    // drains what it holds.
    private async Task SendWhileWaitingAsync(Round round)
    {
        while (true)
        {
            List<Question> questions;
            lock (_gate)
            {
                if (round.Waiting.Count == 0)
                {
                    round.InFlight--;
                    return;
                }

                questions = new List<Question>(Math.Min(round.Waiting.Count, MaxPerCall));
                while (questions.Count < MaxPerCall && round.Waiting.TryDequeue(out var next))
                {
                    questions.Add(next);
                }
            }

            Answer(questions, await CallAsync(questions, round.BlockNumber).ConfigureAwait(false));
        }
    }

    private async Task<ChainResult<List<DocumentViewTuple>>> CallAsync(List<Question> questions, ulong blockNumber)
    {
        try
        {
            return await checkMany(questions.ConvertAll(q => q.Query), blockNumber).ConfigureAwait(false);
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
                ChainError.Rejected($"checkMany answered {result.Value.Count} of {questions.Count} queries"));
        }

        for (int i = 0; i < questions.Count; i++)
        {
            questions[i].Answer.SetResult(result.IsSuccess
                ? ChainResult<DocumentViewTuple>.Ok(result.Value[i])
                : ChainResult<DocumentViewTuple>.Fail(result.Error));
        }
    }

    private sealed record Question(CheckQuery Query)
    {
        public TaskCompletionSource<ChainResult<DocumentViewTuple>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Round(ulong BlockNumber, string BlockHash)
    {
        public Queue<Question> Waiting { get; } = new();

        public int InFlight { get; set; }
    }
}
