using System.CommandLine;
using System.Numerics;
using EthGov.Chain.Signing;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov departments</c>: list departments, propose and approve membership changes, manage keys.</summary>
public static class DepartmentsCommand
{
    private static readonly Option<DateTimeOffset?> s_deadline = new("--deadline") { Description = "When the proposal lapses (default: in 7 days)" };

    /// <summary>Creates the command.</summary>
    public static Command Create() => new("departments", "Departments, their keys and quorum governance")
    {
        List(),
        Propose(),
        Approve(),
        Keys(),
    };

    private static Command List()
    {
        var command = new Command("list", "List departments with status and signer keys");
        command.SetBody(async (_, context, ct) =>
        {
            var (client, _) = await context.ConnectAsync(signed: false, ct);
            var departments = (await client.Departments.ListAsync()).OrFail();
            var threshold = (await client.Departments.ThresholdAsync()).OrFail();
            context.Output.Result(new { threshold, departments }, () =>
            [
                $"quorum threshold {threshold}",
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
        add.SetBody((parse, context, ct) => ProposeAsync(context, ct, (client, deadline) =>
            client.Departments.ProposeAddAsync(parse.GetValue(code)!, parse.GetValue(name)!, parse.GetValue(signer)!, deadline, ct), parse.GetValue(s_deadline)));

        var suspendId = new Argument<uint>("department-id");
        var suspend = new Command("suspend", "Propose suspending a department") { suspendId, s_deadline };
        suspend.SetBody((parse, context, ct) => ProposeAsync(context, ct, (client, deadline) =>
            client.Departments.ProposeSuspendAsync(parse.GetValue(suspendId), deadline, ct), parse.GetValue(s_deadline)));

        var restoreId = new Argument<uint>("department-id");
        var restore = new Command("restore", "Propose restoring a suspended department") { restoreId, s_deadline };
        restore.SetBody((parse, context, ct) => ProposeAsync(context, ct, (client, deadline) =>
            client.Departments.ProposeRestoreAsync(parse.GetValue(restoreId), deadline, ct), parse.GetValue(s_deadline)));

        var value = new Argument<uint>("threshold");
        var threshold = new Command("threshold", "Propose a new approval threshold") { value, s_deadline };
        threshold.SetBody((parse, context, ct) => ProposeAsync(context, ct, (client, deadline) =>
            client.Departments.ProposeThresholdAsync(parse.GetValue(value), deadline, ct), parse.GetValue(s_deadline)));

        return new Command("propose", "Propose a membership or threshold change (your department approves it at once)") { add, suspend, restore, threshold };
    }

    private static async Task<int> ProposeAsync(
        CliContext context, CancellationToken ct,
        Func<Chain.Registry.RegistryClient, DateTimeOffset?, Task<Chain.Abi.ChainResult<BigInteger>>> propose, DateTimeOffset? deadline)
    {
        TimeOption.RequireFuture(deadline, "--deadline");
        var (client, _) = await context.ConnectAsync(signed: true, ct);
        var id = (await propose(client, deadline)).OrFail();
        context.Output.Result(new { proposalId = id.ToString() }, () => [$"proposal {id} created; other departments approve it with `ethgov departments approve {id}`"]);
        return ExitCodes.Success;
    }

    private static Command Approve()
    {
        var id = new Argument<string>("proposal-id");
        var command = new Command("approve", "Approve a proposal for your department; it executes when the quorum is reached") { id };
        command.SetBody(async (parse, context, ct) =>
        {
            if (!BigInteger.TryParse(parse.GetValue(id), out var proposalId) || proposalId <= 0)
            {
                throw new CliException("proposal-id must be a positive integer");
            }

            var (client, _) = await context.ConnectAsync(signed: true, ct);
            (await client.Departments.ApproveAsync(proposalId, ct)).OrFail();
            var proposal = (await client.Departments.ProposalAsync(proposalId)).OrFail();
            context.Output.Result(proposal, () => [$"proposal {proposalId}: {proposal.Approvals} approvals, {(proposal.Executed ? "executed" : "waiting for more approvals")}"]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Keys()
    {
        var newKey = new Argument<string>("new-key-file") { Description = "The new key (keystore file, or dev:N on chain 31337): it signs its consent to join" };
        var add = new Command("add", "Request adding a key to your department; it can be applied once the signer-change delay has passed") { newKey };
        add.SetBody(async (parse, context, ct) =>
        {
            var (client, deployment) = await context.ConnectAsync(signed: true, ct);
            var joining = LoadKey(parse.GetValue(newKey)!, deployment.ChainId);
            var (departmentId, _) = (await client.Departments.OfSignerAsync(client.Context.SignerAddress!)).OrFail();
            var nonce = (await client.Documents.NonceAsync(joining.Address)).OrFail();
            var deadline = DateTimeOffset.UtcNow.AddHours(1);
            var consent = new TypedDataSigner(deployment.ChainId, deployment.Registry).Sign(
                new SignerConsentTyped { DepartmentId = departmentId, Nonce = nonce, Deadline = deadline.ToUnixTimeSeconds() }, joining.PrivateKey);
            var (outcome, changeId) = (await client.Departments.RequestAddSignerAsync(joining.Address, deadline, consent, ct)).OrFail();
            return Requested(context, "add", joining.Address, changeId, outcome);
        });

        var removeAddress = new Argument<string>("address");
        var remove = new Command("remove", "Request removing a key from your department (never the last one)") { removeAddress };
        remove.SetBody(async (parse, context, ct) =>
        {
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var (outcome, changeId) = (await client.Departments.RequestRemoveSignerAsync(parse.GetValue(removeAddress)!, ct)).OrFail();
            return Requested(context, "remove", parse.GetValue(removeAddress)!, changeId, outcome);
        });

        var applyId = new Argument<string>("change-id");
        var apply = new Command("apply", "Apply a requested key change of your department once its delay has passed") { applyId };
        apply.SetBody(async (parse, context, ct) =>
        {
            var changeId = ParseId(parse.GetValue(applyId)!, "change-id");
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var outcome = (await client.Departments.ApplySignerChangeAsync(changeId, ct)).OrFail();
            context.Output.Result(outcome, () => [$"key change {changeId} applied in tx {outcome.TransactionHash}"]);
            return ExitCodes.Success;
        });

        var cancelId = new Argument<string>("change-id");
        var cancel = new Command("cancel", "Cancel a requested key change of your department before it is applied") { cancelId };
        cancel.SetBody(async (parse, context, ct) =>
        {
            var changeId = ParseId(parse.GetValue(cancelId)!, "change-id");
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var outcome = (await client.Departments.CancelSignerChangeAsync(changeId, ct)).OrFail();
            context.Output.Result(outcome, () => [$"key change {changeId} cancelled in tx {outcome.TransactionHash}"]);
            return ExitCodes.Success;
        });

        return new Command("keys", "Your department's signer keys: changes are requested, then applied after the registry's delay") { add, remove, apply, cancel };
    }

    private static int Requested(CliContext context, string what, string key, BigInteger changeId, Chain.Transactions.TransactionOutcome outcome)
    {
        context.Output.Result(new { changeId = changeId.ToString(), outcome }, () =>
            [$"key change {changeId} ({what} {key}) requested in tx {outcome.TransactionHash}; apply it with `ethgov departments keys apply {changeId}` once the delay has passed"]);
        return ExitCodes.Success;
    }

    private static Nethereum.Web3.Accounts.Account LoadKey(string spec, ulong chainId)
    {
        try
        {
            return Chain.Keys.KeyLoader.Load(spec, chainId, PasswordPrompt.Read);
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or InvalidOperationException)
        {
            throw new CliException(ex.Message);
        }
    }

    private static BigInteger ParseId(string text, string what)
        => BigInteger.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new CliException($"{what} must be a positive integer");
}
