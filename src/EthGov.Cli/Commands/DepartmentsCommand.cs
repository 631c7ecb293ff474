using System.CommandLine;
using System.Globalization;
using System.Numerics;
using EthGov.Application.Time;
using EthGov.Chain.Registry;
using EthGov.Cli.Common;
using EthGov.Core.Verification;

namespace EthGov.Cli.Commands;

/// <summary>
/// <c>ethgov departments</c>: list departments, and the quorum's governance: propose (membership, threshold,
/// recovery of a department's keys, compromise reports, revocation of a suspended department's grants, clearing a
/// department's node entry), approve, execute, and read proposals with the approvals that count now.
/// </summary>
public static class DepartmentsCommand
{
    private const int DefaultPageSize = 20;

    private static readonly Option<DateTimeOffset?> s_deadline = new("--deadline") { Description = "When the proposal lapses, at most 30 days ahead (default: in 7 days)" };

    /// <summary>Creates the command.</summary>
    public static Command Create() => new("departments", "Departments and quorum governance")
    {
        List(),
        Propose(),
        Approve(),
        Execute(),
        Proposal(),
        Proposals(),
    };

    private static Command List()
    {
        var command = new Command("list", "List departments with status and signer keys");
        command.SetBody(async (_, context, ct) =>
        {
            var (client, _) = await context.ConnectAsync(signed: false, ct);
            var departments = (await client.Departments.ListAsync()).OrFail();
            var threshold = (await client.Departments.ThresholdAsync()).OrFail();
            var quorum = (await client.Governance.QuorumAsync()).OrFail();
            context.Output.Result(new { threshold, quorum, departments }, () =>
            [
                $"quorum threshold {threshold} (a proposal needs {quorum} approvals of active departments now)",
                .. departments.Select(d => $"#{d.Id} {d.Code,-10} {d.Status,-9} {d.Name} [{string.Join(", ", d.Signers)}]"),
            ]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Propose()
    {
        var code = new Option<string>("--code") { Required = true, Description = "Short code, unique" };
        var name = new Option<string>("--name") { Required = true, Description = "Full name" };
        var signer = new Option<string>("--signer") { Required = true, Description = "First signer address" };
        var add = new Command("add", "Propose adding a department") { code, name, signer, s_deadline };
        add.SetBody((parse, context, ct) => ProposeAsync(parse, context, ct, (client, deadline) =>
            client.Departments.ProposeAddAsync(parse.GetValue(code)!, parse.GetValue(name)!, DepartmentArgument.Address(parse.GetValue(signer)!, "--signer"), deadline, ct)));

        var suspendTarget = new Argument<string>("department") { Description = "Code or id" };
        var suspend = new Command("suspend", "Propose suspending a department") { suspendTarget, s_deadline };
        suspend.SetBody((parse, context, ct) => ProposeAsync(parse, context, ct, async (client, deadline) =>
            await client.Departments.ProposeSuspendAsync(await DepartmentArgument.ResolveAsync(client, parse.GetValue(suspendTarget)!), deadline, ct)));

        var restoreTarget = new Argument<string>("department") { Description = "Code or id" };
        var restore = new Command("restore", "Propose restoring a suspended department (its compromised keys stay off)") { restoreTarget, s_deadline };
        restore.SetBody((parse, context, ct) => ProposeAsync(parse, context, ct, async (client, deadline) =>
            await client.Departments.ProposeRestoreAsync(await DepartmentArgument.ResolveAsync(client, parse.GetValue(restoreTarget)!), deadline, ct)));

        var value = new Argument<uint>("threshold");
        var threshold = new Command("threshold", "Propose a new approval threshold") { value, s_deadline };
        threshold.SetBody((parse, context, ct) => ProposeAsync(parse, context, ct, (client, deadline) =>
            client.Departments.ProposeThresholdAsync(parse.GetValue(value), deadline, ct)));

        var replaceTarget = new Argument<string>("department") { Description = "The department to recover (code or id), active or suspended" };
        var newSigners = new Argument<string[]>("new-signers") { Arity = ArgumentArity.OneOrMore, Description = "Its new keys (1 to 8 addresses); every current key is removed" };
        var replace = new Command("replace-signers", "Propose recovering a department: replace all its keys (e.g. after it lost its last one)") { replaceTarget, newSigners, s_deadline };
        replace.SetBody((parse, context, ct) => ProposeAsync(parse, context, ct, async (client, deadline) =>
            await client.Departments.ProposeReplaceSignersAsync(
                await DepartmentArgument.ResolveAsync(client, parse.GetValue(replaceTarget)!),
                [.. parse.GetValue(newSigners)!.Select(a => DepartmentArgument.Address(a, "new signer"))], deadline, ct)));

        var reportKey = new Argument<string>("address") { Description = "Any department's key, or one reported before (the quorum's report sets its compromise time anew)" };
        var since = new Option<DateTimeOffset>("--since") { Required = true, Description = "When the compromise began (ISO 8601): documents the key anchored since then are not valid" };
        var report = new Command("report-key", "Propose reporting a key compromised since a time, or re-dating an earlier report") { reportKey, since, s_deadline };
        report.SetBody((parse, context, ct) =>
        {
            // One in the future the registry refuses by its own clock (InvalidCompromisedSince).
            var from = parse.GetValue(since);
            if (TimeChecks.IsBeforeFirstChainSecond(from))
            {
                throw new CliException($"--since {ProposalText.Time(from)} is before 1970");
            }

            return ProposeAsync(parse, context, ct, (client, deadline) =>
                client.Departments.ProposeReportCompromisedKeyAsync(DepartmentArgument.Address(parse.GetValue(reportKey)!, "address"), from, deadline, ct));
        });

        var grantIds = new Argument<string[]>("grant-ids") { Arity = ArgumentArity.OneOrMore, Description = "Grants whose grantor department is suspended" };
        var revokeGrants = new Command("revoke-grants", "Propose revoking grants that a suspended department made") { grantIds, s_deadline };
        revokeGrants.SetBody((parse, context, ct) => ProposeAsync(parse, context, ct, (client, deadline) =>
            client.Grants.ProposeRevokeGrantsAsync([.. parse.GetValue(grantIds)!.Select(g => IdArgument.Parse(g, "grant-id"))], deadline, ct)));

        var clearTarget = new Argument<string>("department") { Description = "Code or id" };
        var clearNode = new Command("clear-node", "Propose clearing a department's node entry (e.g. one published with a stolen key); its pending key changes are cancelled too") { clearTarget, s_deadline };
        clearNode.SetBody((parse, context, ct) => ProposeAsync(parse, context, ct, async (client, deadline) =>
            await client.Departments.ProposeClearNodeAsync(await DepartmentArgument.ResolveAsync(client, parse.GetValue(clearTarget)!), deadline, ct)));

        return new Command("propose", "Propose a governance decision (your department approves it at once)") { add, suspend, restore, threshold, replace, report, revokeGrants, clearNode };
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "The proposal is a multi-line lambda that reads best as the last argument.")]
    private static async Task<int> ProposeAsync(
        ParseResult parse, CliContext context, CancellationToken ct, Func<RegistryClient, DateTimeOffset?, Task<Chain.Abi.ChainResult<BigInteger>>> propose)
    {
        var deadline = parse.GetValue(s_deadline);
        TimeOption.RequireFuture(deadline, "--deadline");
        if (ProposalDeadline.Problem(deadline, DateTimeOffset.UtcNow) is { } problem)
        {
            throw new CliException("--deadline: " + problem);
        }
        var (client, _) = await context.ConnectAsync(signed: true, ct);
        var id = (await propose(client, deadline)).OrFail();
        var proposal = (await client.Departments.ProposalAsync(id)).OrFail();
        context.Output.Result(new { proposalId = id.ToString(CultureInfo.InvariantCulture), executed = proposal.Executed }, () =>
        [
            proposal.Executed
                ? $"proposal {id} created and executed at once (the quorum is 1)"
                : $"proposal {id} created; other departments approve it with `ethgov departments approve {id}`",
        ]);
        return ExitCodes.Success;
    }

    private static Command Approve()
    {
        var id = new Argument<string>("proposal-id");
        var command = new Command("approve", "Approve a proposal for your department; it executes when the quorum is reached") { id };
        command.SetBody(async (parse, context, ct) =>
        {
            var proposalId = IdArgument.Parse(parse.GetValue(id)!, "proposal-id");
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            (await client.Departments.ApproveAsync(proposalId, ct)).OrFail();
            return await ShowAsync(context, client, proposalId);
        });
        return command;
    }

    private static Command Execute()
    {
        var id = new Argument<string>("proposal-id");
        var command = new Command("execute", "Execute a proposal whose approvals of active departments reach the quorum (e.g. after a suspension lowered it)") { id };
        command.SetBody(async (parse, context, ct) =>
        {
            var proposalId = IdArgument.Parse(parse.GetValue(id)!, "proposal-id");
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            (await client.Departments.ExecuteAsync(proposalId, ct)).OrFail();
            return await ShowAsync(context, client, proposalId);
        });
        return command;
    }

    private static Command Proposal()
    {
        var id = new Argument<string>("proposal-id");
        var command = new Command("proposal", "Show a proposal: what it does, who approved, and the approvals that count now against the quorum") { id };
        command.SetBody(async (parse, context, ct) =>
        {
            var proposalId = IdArgument.Parse(parse.GetValue(id)!, "proposal-id");
            var (client, _) = await context.ConnectAsync(signed: false, ct);
            return await ShowAsync(context, client, proposalId);
        });
        return command;
    }

    private static Command Proposals()
    {
        var after = new Option<string?>("--after") { Description = "Start after this proposal id (the `--after` a previous page printed)" };
        var limit = new Option<int>("--limit") { Description = "Proposals per page (1-100)", DefaultValueFactory = _ => DefaultPageSize };
        var command = new Command("proposals", "List proposals, oldest first, a page at a time, each with where it stands") { after, limit };
        command.SetBody(async (parse, context, ct) =>
        {
            var pageSize = parse.GetValue(limit);
            if (pageSize is < 1 or > 100)
            {
                throw new CliException("--limit must be 1 to 100");
            }

            var start = parse.GetValue(after) is { } a ? IdArgument.Parse(a, "--after") : BigInteger.Zero;
            var (client, _) = await context.ConnectAsync(signed: false, ct);
            var names = await NamesAsync(client);
            var rows = new List<(ProposalInfo Proposal, ProposalStanding Standing)>();
            var id = start + 1;
            for (; rows.Count < pageSize; id++)
            {
                var proposal = await client.Departments.ProposalAsync(id);
                if (!proposal.IsSuccess && proposal.Error.Name == "ProposalNotFound")
                {
                    break;
                }

                rows.Add((proposal.OrFail(), (await client.Governance.StandingAsync(id)).OrFail()));
            }

            var more = rows.Count == pageSize && (await client.Departments.ProposalAsync(id)).IsSuccess;
            var now = DateTimeOffset.UtcNow;
            context.Output.Result(new { proposals = rows.Select(r => Json(r.Proposal, r.Standing)), nextAfter = more ? (id - 1).ToString(CultureInfo.InvariantCulture) : null }, () =>
            {
                var lines = rows.Select(r => $"#{r.Proposal.Id} {ProposalText.What(r.Proposal, names)}: {ProposalText.Standing(r.Proposal, r.Standing, now, names)}").ToList();
                if (rows.Count == 0)
                {
                    lines.Add("no proposals");
                }

                if (more)
                {
                    lines.Add($"more: --after {id - 1}");
                }

                return lines;
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ShowAsync(CliContext context, RegistryClient client, BigInteger proposalId)
    {
        var proposal = (await client.Departments.ProposalAsync(proposalId)).OrFail();
        var standing = (await client.Governance.StandingAsync(proposalId)).OrFail();
        var names = await NamesAsync(client);
        context.Output.Result(Json(proposal, standing), () =>
        [
            $"proposal {proposalId}: {ProposalText.What(proposal, names)} (proposed by {names(proposal.Proposer)})",
            ProposalText.Standing(proposal, standing, DateTimeOffset.UtcNow, names),
        ]);
        return ExitCodes.Success;
    }

    private static object Json(ProposalInfo p, ProposalStanding s) => new
    {
        id = p.Id.ToString(CultureInfo.InvariantCulture),
        p.Kind,
        p.Proposer,
        p.TargetDepartment,
        p.Deadline,
        p.Executed,
        p.Approvers,
        s.LiveApprovals,
        s.Quorum,
        code = p.Kind == ProposalKind.AddDepartment ? p.Code : null,
        name = p.Kind == ProposalKind.AddDepartment ? p.Name : null,
        signer = p.Kind is ProposalKind.AddDepartment or ProposalKind.ReportCompromisedKey ? p.Signer : null,
        newThreshold = p.Kind == ProposalKind.ChangeThreshold ? p.NewThreshold : (uint?)null,
        newSigners = p.Kind == ProposalKind.ReplaceSigners ? p.NewSigners : null,
        p.CompromisedSince,
        grantIds = p.Kind == ProposalKind.RevokeGrants ? p.GrantIds.Select(g => g.ToString(CultureInfo.InvariantCulture)) : null,
    };

    // "CIVIL (#1)", or "TRANSPORT (#3, suspended)": whose approval no longer counts shows why.
    private static async Task<Func<uint, string>> NamesAsync(RegistryClient client)
    {
        var departments = (await client.Departments.ListAsync()).OrFail().ToDictionary(d => d.Id);
        return id => departments.TryGetValue(id, out var d)
            ? d.Status == DepartmentStatus.Active ? $"{d.Code} (#{id})" : $"{d.Code} (#{id}, {d.Status.ToString().ToLowerInvariant()})"
            : $"department {id}";
    }
}
