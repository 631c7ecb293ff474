using System.CommandLine;
using System.Globalization;
using EthGov.Application.Audit;
using EthGov.Application.Storage;
using EthGov.Application.Verification;
using EthGov.Chain.Abi;
using EthGov.Chain.Registry;
using EthGov.Cli.Common;
using EthGov.Core.Exchange;
using EthGov.Core.Verification;

namespace EthGov.Cli.Commands;

/// <summary>
/// <c>ethgov audit reconcile|verify</c>: a node's journals against the chain, and evidence files checked against any
/// JSON-RPC endpoint. The checks live in EthGov.Application.Audit; this command parses and prints.
/// </summary>
public static class AuditCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => new("audit", "Check record exchanges against the chain: a node's journals (reconcile), evidence files (verify)")
    {
        Reconcile(),
        Verify(),
    };

    private static Command Reconcile()
    {
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "The node's data directory (EthGov:DataDirectory; env ETHGOV_DATA_DIR)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ETHGOV_DATA_DIR") ?? Path.Combine("data", "31337"),
        };
        var command = new Command(
            "reconcile",
            "Compare the node's release journal and logged accesses with the chain; exit 1 when a release has no valid log on chain")
        { dataDir };
        command.SetBody(async (parse, context, ct) =>
        {
            var directory = parse.GetValue(dataDir)!;
            var database = NodeStore.OfExisting(parse, directory);
            if (!database.Exists())
            {
                throw new CliException($"'{directory}' holds no node store ({database.Describe()})");
            }

            database.EnsureCreated();
            var (client, deployment) = await context.ConnectAsync(signed: false, ct);
            var reconciler = new JournalReconciler(database, new AuditReads(client.Context));
            if (reconciler.Binding() is { } bound
                && (bound.ChainId != deployment.ChainId || !string.Equals(bound.Registry, deployment.Registry, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CliException($"the store in '{directory}' serves registry {bound.Registry} on chain {bound.ChainId}, the deployment names {deployment.Registry} on chain {deployment.ChainId}");
            }

            var report = (await reconciler.ReconcileAsync(deployment.ChainId, deployment.Registry, ct)).OrFail();
            context.Output.Result(ToJson(report), () => Lines(report));
            return report.HasViolations ? ExitCodes.NotValid : ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify()
    {
        var files = new Argument<string[]>("evidence") { Description = "Evidence files (<data>/evidence/<requestId>.json)", Arity = ArgumentArity.OneOrMore };
        var command = new Command(
            "verify",
            "Check evidence files against the chain at --rpc (the file names its chain and registry); exit 1 when a check fails")
        { files };
        command.SetBody(async (parse, context, ct) =>
        {
            var read = new List<(string File, ExchangeEvidence Evidence)>();
            foreach (var file in parse.GetValue(files)!)
            {
                read.Add((file, await ReadAsync(file, ct)));
            }

            var results = new List<(string File, ExchangeEvidence Evidence, EvidenceVerification Verification)>();
            foreach (var (file, evidence) in read)
            {
                var client = new RegistryClient(context.ChainOptions(evidence.Entry.ChainId), evidence.Entry.Registry);
                var verifier = new EvidenceVerifier(new AuditReads(client.Context), Anchors(context, client, evidence));
                results.Add((file, evidence, await verifier.VerifyAsync(evidence, ct)));
            }

            context.Output.Result(
                results.Select(r => new
                {
                    file = r.File,
                    requestId = r.Evidence.Entry.RequestId.ToString(),
                    passed = r.Verification.Passed,
                    erased = r.Evidence.Erasure is { } erasure ? new { at = erasure.At, cause = erasure.Cause } : null,
                    checks = r.Verification.Checks.Select(c => new { name = c.Name, passed = c.Passed, reason = c.Reason }),
                }).ToArray(),
                () => results.SelectMany(r => (string[])
                [
                    $"{r.File}: request {r.Evidence.Entry.RequestId}, grant {r.Evidence.Entry.GrantId}, holder {r.Evidence.Entry.Holder}, grantee {r.Evidence.Entry.Grantee}",
                    .. r.Evidence.Erasure is { } erasure
                        ? [string.Create(CultureInfo.InvariantCulture, $"  content erased on {erasure.At:u} ({erasure.Cause}); the file keeps digests only")]
                        : Array.Empty<string>(),
                    .. r.Verification.Checks.Select(c => $"  {(c.Passed ? "pass" : "FAIL"),-4}  {c.Name,-18}  {c.Reason}"),
                    $"  {(r.Verification.Passed ? "verified" : "NOT verified")}: {r.Verification.Checks.Count(c => c.Passed)} of {r.Verification.Checks.Count} checks passed",
                ]));
            return results.All(r => r.Verification.Passed) ? ExitCodes.Success : ExitCodes.NotValid;
        });
        return command;
    }

    private static async Task<ExchangeEvidence> ReadAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            throw new CliException($"'{file}' does not exist");
        }

        if (new FileInfo(file).Length > EvidenceJson.MaxBytes)
        {
            throw new CliException($"'{file}' is larger than an evidence file can be ({EvidenceJson.MaxBytes} bytes)");
        }

        try
        {
            return EvidenceJson.Read(await File.ReadAllBytesAsync(file, ct));
        }
        catch (InvalidDataException ex)
        {
            throw new CliException($"'{file}' is not an evidence file: {ex.Message}");
        }
    }

    // The evidence's batch proof (or, for a single anchor, the chain alone) settles it; only a file that states no proof
    // for a batch member makes the holder's node be asked for one (then checked on chain).
    private static AnchorLookup Anchors(CliContext context, RegistryClient client, ExchangeEvidence evidence)
    {
        var network = NodeNetwork.VerifierFor(context, client, evidence.Entry.ChainId, evidence.Entry.Registry);
        return async (digest, department, proof, ct) =>
        {
            var query = new VerificationQuery(digest) { DepartmentId = department, Proof = proof };
            var alone = await ChainVerifier.VerifyAsync(client.Documents, query);
            return proof is null && alone.IsSuccess && alone.Value.Verdict.Outcome == VerdictOutcome.Unknown
                ? await network.VerifyAsync(client.Documents, query, new HashSet<uint>(), ct)
                : alone;
        };
    }

    private static object ToJson(ReconcileReport report) => new
    {
        chainId = report.ChainId,
        registry = report.Registry,
        readAtBlock = report.ReadAtBlock,
        violations = report.HasViolations,
        holder = new
        {
            releases = report.Holder.Releases,
            roots = report.Holder.Roots,
            logged = report.Holder.Logged,
            proofsNotKept = report.Holder.ProofsNotKept,
            violations = report.Holder.Violations.Select(Finding).ToArray(),
        },
        grantee = new
        {
            logged = report.Grantee.Logged,
            released = report.Grantee.Released,
            batches = report.Grantee.Batches,
            roots = report.Grantee.Roots,
            violations = report.Grantee.Violations.Select(Finding).ToArray(),
            logsWithoutRelease = report.Grantee.LogsWithoutRelease.Select(Finding).ToArray(),
        },
    };

    private static object Finding(AuditFinding f) => new
    {
        kind = f.Kind,
        exchange = f.Exchange,
        requestId = f.RequestId.ToString(),
        grantId = f.GrantId.ToString(CultureInfo.InvariantCulture),
        recordId = f.RecordId.ToString(),
        holder = f.Holder,
        grantee = f.Grantee,
        root = f.Root?.ToString(),
        detail = f.Detail,
    };

    private static IEnumerable<string> Lines(ReconcileReport report)
    {
        yield return $"chain {report.ChainId}, registry {report.Registry}, read at block {report.ReadAtBlock}";
        yield return $"{"journal",-8}  {"entries",8}  {"roots",6}  {"on chain",8}  {"violations",10}  notes";
        var h = report.Holder;
        yield return $"{"holder",-8}  {h.Releases,8}  {h.Roots,6}  {h.Logged,8}  {h.Violations.Count,10}  {(h.ProofsNotKept > 0 ? $"{h.ProofsNotKept} release(s) journaled without a proof: root checked only" : "")}";
        var g = report.Grantee;
        yield return $"{"grantee",-8}  {g.Logged,8}  {g.Roots,6}  {g.Logged - g.Violations.Count(v => v.Exchange is not null),8}  {g.Violations.Count,10}  {g.Released} released, {g.LogsWithoutRelease.Count} logged without a release, {g.Batches} batches";
        foreach (var v in h.Violations)
        {
            yield return $"VIOLATION release of request {v.RequestId} (grantee {v.Grantee}, grant {v.GrantId}): {v.Kind}: {v.Detail}";
        }

        foreach (var v in g.Violations)
        {
            yield return v.Exchange is { } id
                ? $"VIOLATION exchange {id} (request {v.RequestId}, grant {v.GrantId}): {v.Kind}: {v.Detail}"
                : $"VIOLATION {v.Kind}: {v.Detail}";
        }

        foreach (var l in g.LogsWithoutRelease)
        {
            yield return $"logged without a release: exchange {l.Exchange} (request {l.RequestId}, grant {l.GrantId}): {l.Kind}: {l.Detail}";
        }

        yield return report.HasViolations
            ? $"{h.Violations.Count + g.Violations.Count} violation(s)"
            : "every release has its log on chain";
    }
}
