using EthGov.Api.Documents;
using EthGov.Api.Outbox;
using EthGov.Api.Problems;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.BulkJobs;

/// <summary>
/// Takes a validated chunk into a job: the items the job does not hold yet go to the outbox (each with its own labels
/// and expiry, through <see cref="AnchorService"/>, which is idempotent per digest), and only then are they recorded
/// in the job. A crash between the two leaves them in the outbox and not in the job: the page sends them again, the
/// outbox answers "known" and nothing is anchored twice. Chunks of one job are taken one at a time, so two chunks sent
/// at once cannot take a job past its total.
/// </summary>
public sealed class BulkChunkIntake(BulkJobStore store, AnchorService anchors, TimeProvider time)
{
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>An item checked for the outbox.</summary>
    /// <param name="Digest">Its digest.</param>
    /// <param name="ValidUntil">Its expiry in chain seconds (0 for none).</param>
    /// <param name="Labels">What the clerk noted.</param>
    public sealed record CheckedItem(Digest Digest, ulong ValidUntil, IssuedLabels Labels);

    /// <summary>Takes <paramref name="items"/> (distinct digests) into <paramref name="job"/> for department <paramref name="departmentId"/>.</summary>
    public async Task<(BulkChunkResponse? Answer, ProblemHttpResult? Problem)> TakeAsync(
        BulkJob job, uint departmentId, IReadOnlyList<CheckedItem> items, CancellationToken cancellationToken)
    {
        var gate = _locks[(int)(job.Id % _locks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Read again under the lock: another chunk may have finished the job meanwhile.
            var current = store.Get(job.Id) ?? job;
            var held = store.Held(current.Id, [.. items.Select(i => i.Digest)]);
            var fresh = items.Where(i => !held.Contains(i.Digest)).ToList();
            if (fresh.Count > 0 && current.State != BulkJobStates.Open)
            {
                return (null, BulkJobProblems.JobClosed(current));
            }

            if (current.Received + fresh.Count > current.Total)
            {
                return (null, BulkJobProblems.TooManyItems(current, fresh.Count));
            }

            // One accept per item, all at once: the outbox writer commits them together.
            var accepts = fresh.Select(i => anchors.AcceptAsync(departmentId, new[] { i.Digest }, i.ValidUntil, cancellationToken, i.Labels)).ToArray();
            AcceptResult[] results;
            try
            {
                results = await Task.WhenAll(accepts);
            }
            catch (OutboxUnavailableException ex)
            {
                return (null, Problems.Problems.OutboxUnavailable(Documents.DocumentTexts.OutboxFailed(ex.Failure)));
            }

            var recorded = new List<(Digest, string?, string, string?)>(fresh.Count);
            var outcomes = new Dictionary<Digest, (string Outcome, string? Error)>(items.Count);
            for (int i = 0; i < fresh.Count; i++)
            {
                var (outcome, error) = results[i].Conflict is not null ? (BulkItemOutcomes.Failed, StoredError.Of(StoredErrors.SubmittedByAnotherDepartment, ("digest", fresh[i].Digest)).ToString())
                    : results[i].Created > 0 ? (BulkItemOutcomes.Accepted, null)
                    : (BulkItemOutcomes.Known, (string?)null);
                recorded.Add((fresh[i].Digest, fresh[i].Labels.FileName, outcome, error));
                outcomes[fresh[i].Digest] = (outcome, error);
            }

            var after = store.Record(current.Id, recorded, time.GetUtcNow());
            var answers = items.Select(i => outcomes.TryGetValue(i.Digest, out var o)
                ? new BulkItemResponse(i.Digest, o.Outcome, o.Error)
                : new BulkItemResponse(i.Digest, BulkItemOutcomes.Replayed, null)).ToList();
            return (new BulkChunkResponse(BulkJobResponse.Of(after), answers), null);
        }
        finally
        {
            gate.Release();
        }
    }
}
