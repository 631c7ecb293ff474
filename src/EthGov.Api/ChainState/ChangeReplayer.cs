using EthGov.Api.Departments;
using EthGov.Api.Outbox;
using EthGov.Api.Problems;
using EthGov.Api.Receipts;
using EthGov.Api.Signers;
using EthGov.Application.Documents;
using EthGov.Chain.Abi;
using EthGov.Chain.Transactions;
using EthGov.Core.Verification;
using Microsoft.Extensions.Options;

namespace EthGov.Api.ChainState;

/// <summary>
/// After re-anchoring on a new deployment, sends again every revocation and supersession the API had sent on the old
/// one, so that no revoked or superseded document comes back valid. Changes go in the order they were first sent, each
/// once its document is anchored on the new deployment (by the batcher, or by an earlier replayed supersession). A
/// change the new registry already holds counts as replayed; one it refuses for good is logged and kept with the reason
/// (a supersession's new digest then goes to the batcher, so it is at least anchored).
/// </summary>
public sealed class ChangeReplayer(
    DocumentChanges changes,
    DocumentIndex index,
    BatchStore batches,
    ReceiptService receipts,
    DepartmentDirectory departments,
    DepartmentSigners signers,
    EthGov.Api.ChainState.ChainStatus chainStatus,
    IOptions<OutboxOptions> options,
    ILogger<ChangeReplayer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var waiting = new Queue<DocumentChange>(changes.ToReplay());
        if (waiting.Count == 0)
        {
            return;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("replaying {Count} revocations and supersessions on the new deployment once their documents are anchored", waiting.Count);
        }

        var pause = options.Value.RetryDelay;
        while (waiting.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            var outcome = chainStatus.ResetDetected is null ? await ReplayAsync(waiting.Peek(), stoppingToken) : Outcome.NotYet;
            if (outcome == Outcome.NotYet)
            {
                // The document is not anchored yet, or the chain cannot be reached: the order matters, so wait.
                await Task.Delay(pause, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, options.Value.MaxRetryDelay.Ticks));
                continue;
            }

            waiting.Dequeue();
            pause = options.Value.RetryDelay;
        }

        if (waiting.Count == 0)
        {
            logger.LogInformation("every revocation and supersession was replayed on the new deployment");
        }
    }

    private async Task<Outcome> ReplayAsync(DocumentChange change, CancellationToken stoppingToken)
    {
        if (!index.TryGet(change.Digest, out var entry) || entry.DepartmentId != change.DepartmentId)
        {
            return Fail(change, $"{change.Digest} is not a document of department {change.DepartmentId} in this outbox, so nothing anchored it again");
        }

        var batch = batches.Get(entry.BatchId);
        if (batch is { State: BatchState.Failed })
        {
            return Fail(change, $"{change.Digest} could not be anchored again: {StoredErrors.Render(batch.Error, ProblemLanguages.English)}");
        }

        if (batch is not { State: BatchState.Confirmed })
        {
            return Outcome.NotYet;
        }

        var department = await departments.FindAsync(change.DepartmentId, stoppingToken);
        if (!department.IsSuccess)
        {
            return Outcome.NotYet;
        }

        if (department.Value is not { } known || signers.For(known.Code) is not { } client)
        {
            return Fail(change, $"no signer key is configured for department {change.DepartmentId}");
        }

        var documents = client.Documents;
        var validUntil = ChainTime.FromSecondsOrNone(change.SuccessorValidUntil);
        var place = batch.IsSingle ? AnchorPlace.OnItsOwn : AnchorPlace.InBatch(batch.Root, receipts.ProofOf(batch, change.Digest));
        var sent = change.Kind == DocumentChangeKind.Revocation
            ? await Revocation.SendAsync(documents, change.Digest, place, change.Reason, stoppingToken)
            : await Supersession.SendAsync(documents, change.Digest, place, change.Successor, validUntil, stoppingToken);

        if (sent.IsSuccess)
        {
            Replayed(change, sent.Value);
            return Outcome.Done;
        }

        if (sent.Error.Kind != ChainErrorKind.Reverted)
        {
            return Outcome.NotYet;
        }

        // Sent before a restart whose confirmation was not recorded: the new registry holds it already.
        if (sent.Error.Name is "AlreadyRevoked" or "AlreadySuperseded")
        {
            Replayed(change, null);
            return Outcome.Done;
        }

        return Fail(change, $"the registry refused it: {sent.Error}");
    }

    private void Replayed(DocumentChange change, TransactionOutcome? outcome)
    {
        if (change.Kind == DocumentChangeKind.Supersession && Held(change) is { } held)
        {
            // The supersession anchored the new digest on its own: its held batch is now that anchor.
            batches.Update(outcome is null
                ? held with { State = BatchState.Pending }
                : held with
                {
                    State = BatchState.Confirmed,
                    Attempts = 1,
                    TransactionHash = outcome.TransactionHash,
                    BlockNumber = outcome.BlockNumber,
                    BlockHash = outcome.BlockHash,
                    BlockTime = outcome.BlockTime,
                });
        }

        changes.MarkReplayed(change.Id);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("replayed the {Kind} of {Digest} on the new deployment", change.Kind, change.Digest);
        }
    }

    private Outcome Fail(DocumentChange change, string reason)
    {
        if (change.Kind == DocumentChangeKind.Supersession && Held(change) is { } held)
        {
            // Not a supersession on the new deployment, but the new digest was accepted: let the batcher anchor it.
            batches.Update(held with { State = BatchState.Pending });
        }

        changes.MarkReplayFailed(change.Id, reason);
        if (logger.IsEnabled(LogLevel.Error))
        {
            logger.LogError("the {Kind} of {Digest} could not be replayed on the new deployment: {Reason}", change.Kind, change.Digest, reason);
        }
        return Outcome.Done;
    }

    private BatchRecord? Held(DocumentChange change)
        => index.TryGet(change.Successor, out var successor) && batches.Get(successor.BatchId) is { State: BatchState.AwaitingReplay } held ? held : null;

    private enum Outcome
    {
        Done,
        NotYet,
    }
}
