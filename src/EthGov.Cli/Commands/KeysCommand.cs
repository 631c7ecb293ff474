using System.CommandLine;
using System.Globalization;
using System.Numerics;
using EthGov.Application.Time;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary>
/// <c>ethgov keys</c>: keystores for new signer keys, and a department's changes to its own keys. Additions and
/// removals are requested by one key and applied by any key of the department once the registry's delay has passed,
/// so that one stolen key cannot complete them before the others can cancel them; a compromise report takes effect at
/// once. The new key agrees to join with its signed consent (<c>keys consent</c>).
/// </summary>
public static class KeysCommand
{
    private const int DefaultPageSize = 20;

    /// <summary>Creates the command.</summary>
    public static Command Create() => new("keys", "Signer keys: keystores, and your department's time-locked key changes")
    {
        New(),
        Consent(),
        Add(),
        Remove(),
        Apply(),
        Cancel(),
        Pending(),
        Report(),
        List(),
        Pkcs11KeysCommand.Create(),
    };

    private static Command New()
    {
        var path = new Argument<string>("file") { Description = "Where to write the keystore (must not exist; created readable by its owner only)" };
        var create = new Command("new", "Create a new signer key as an encrypted keystore file (password from ETHGOV_KEY_PASSWORD)") { path };
        create.SetBody((parse, context, _) =>
        {
            var file = parse.GetValue(path)!;
            var password = Environment.GetEnvironmentVariable(KeyLoader.PasswordVariable);
            if (string.IsNullOrEmpty(password) || password.Length < 8)
            {
                throw new CliException($"set {KeyLoader.PasswordVariable} to a password of at least 8 characters");
            }

            // No check that the name is free first: the creation itself refuses an existing file or link.
            var address = KeyLoader.CreateKeystore(file, password);
            context.Output.Result(new { address, file }, () => [$"new signer {address} written to {file}"]);
            return Task.FromResult(ExitCodes.Success);
        });
        return create;
    }

    private static Command Consent()
    {
        var department = new Option<string>("--department") { Required = true, Description = "The department the key agrees to join (code or id)" };
        var deadline = new Option<DateTimeOffset?>("--deadline") { Description = "Until when the department may use the consent (default: in 24 hours)" };
        var output = new Option<string?>("--out") { Description = "Write the consent to this file (must not exist) instead of printing it" };
        var command = new Command("consent", "As the NEW key (--key-file), sign its consent to join a department; the department then runs `keys add`")
        {
            department, deadline, output,
        };
        command.SetBody(async (parse, context, ct) =>
        {
            var (reader, deployment) = await context.ConnectAsync(signed: false, ct);
            var key = context.Signer(deployment.ChainId);
            var until = parse.GetValue(deadline) ?? DateTimeOffset.UtcNow.AddDays(1);
            if (TimeChecks.HasPassed(until, DateTimeOffset.UtcNow))
            {
                throw new CliException($"--deadline {Time(until)} has passed");
            }

            var departmentId = await DepartmentArgument.ResolveAsync(reader, parse.GetValue(department)!);
            var standing = (await reader.Keys.OfAsync(key.Address)).OrFail();
            if (standing.CompromisedSince is not null)
            {
                throw new CliException($"key {key.Address} was reported compromised; it can never be registered again");
            }

            if (standing.DepartmentId != 0)
            {
                throw new CliException($"key {key.Address} is already a key of department {standing.DepartmentId}");
            }

            var nonce = (await reader.Documents.NonceAsync(key.Address)).OrFail();
            var consent = SignerConsent.Create(key, deployment.ChainId, deployment.Registry, departmentId, nonce, until);
            if (parse.GetValue(output) is { } file)
            {
                await using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
                await using (var writer = new StreamWriter(stream))
                {
                    await writer.WriteAsync(consent.ToJson());
                }

                context.Output.Result(new { signer = key.Address, departmentId, deadline = consent.Deadline, file, token = consent.Token }, () =>
                [
                    $"consent of key {key.Address} to join department {departmentId} written to {file} (usable until {Time(consent.Deadline)})",
                    $"the department requests the addition with `ethgov keys add {key.Address} --consent {file}`",
                ]);
            }
            else
            {
                context.Output.Result(new { signer = key.Address, departmentId, deadline = consent.Deadline, token = consent.Token }, () =>
                [
                    $"consent of key {key.Address} to join department {departmentId}, usable until {Time(consent.Deadline)}:",
                    consent.Token,
                    $"the department requests the addition with `ethgov keys add {key.Address} --consent <that token>`",
                ]);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add()
    {
        var address = new Argument<string>("address") { Description = "The new key's address" };
        var consentOption = new Option<string>("--consent") { Required = true, Description = "The new key's consent: the file or the token `keys consent` printed" };
        var command = new Command("add", "Request adding a key to your department; any of its keys applies it after the registry's delay") { address, consentOption };
        command.SetBody(async (parse, context, ct) =>
        {
            var signer = DepartmentArgument.Address(parse.GetValue(address)!, "address");
            var (client, deployment) = await context.ConnectAsync(signed: true, ct);
            var departmentId = await DepartmentArgument.OfSignerAsync(client);
            var nonce = (await client.Documents.NonceAsync(signer)).OrFail();
            var given = parse.GetValue(consentOption)!;
            var text = File.Exists(given) ? await File.ReadAllTextAsync(given, ct) : given;
            if (!SignerConsent.TryParse(text, deployment.ChainId, deployment.Registry, departmentId, signer, nonce, out var consent, out var error))
            {
                throw new CliException(error!);
            }

            // The registry would refuse it too (InvalidSignature, ExpiredSignature): say exactly what does not match first.
            if (consent!.Mismatch(deployment.ChainId, deployment.Registry, departmentId, signer, nonce, DateTimeOffset.UtcNow) is { } mismatch)
            {
                throw new CliException(mismatch);
            }

            var (outcome, changeId) = (await client.Departments.RequestAddSignerAsync(signer, consent.Deadline, consent.Signature, ct)).OrFail();
            return await RequestedAsync(context, client, changeId, outcome);
        });
        return command;
    }

    private static Command Remove()
    {
        var address = new Argument<string>("address") { Description = "A key of your department (never its last one)" };
        var command = new Command("remove", "Request removing a key from your department; any of its keys applies it after the registry's delay") { address };
        command.SetBody(async (parse, context, ct) =>
        {
            var signer = DepartmentArgument.Address(parse.GetValue(address)!, "address");
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var (outcome, changeId) = (await client.Departments.RequestRemoveSignerAsync(signer, ct)).OrFail();
            return await RequestedAsync(context, client, changeId, outcome);
        });
        return command;
    }

    private static Command Apply()
    {
        var id = new Argument<string>("change-id");
        var command = new Command("apply", "Apply a requested key change of your department once its delay has passed") { id };
        command.SetBody(async (parse, context, ct) =>
        {
            var changeId = IdArgument.Parse(parse.GetValue(id)!, "change-id");
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var outcome = (await client.Departments.ApplySignerChangeAsync(changeId, ct)).OrFail();
            context.Output.Result(new { changeId = changeId.ToString(CultureInfo.InvariantCulture), outcome }, () => [$"key change {changeId} applied in tx {outcome.TransactionHash}"]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<string>("change-id");
        var command = new Command("cancel", "Cancel a requested key change of your department before it is applied") { id };
        command.SetBody(async (parse, context, ct) =>
        {
            var changeId = IdArgument.Parse(parse.GetValue(id)!, "change-id");
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var outcome = (await client.Departments.CancelSignerChangeAsync(changeId, ct)).OrFail();
            context.Output.Result(new { changeId = changeId.ToString(CultureInfo.InvariantCulture), outcome }, () => [$"key change {changeId} cancelled in tx {outcome.TransactionHash}"]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Pending()
    {
        var department = new Option<string?>("--department") { Description = "Only this department's changes (code or id; default: the --key-file's department, else every department)" };
        var before = new Option<string?>("--before") { Description = "Start below this change id (the `--before` a previous page printed)" };
        var limit = new Option<int>("--limit") { Description = "Changes per page (1-100)", DefaultValueFactory = _ => DefaultPageSize };
        var command = new Command("pending", "List key changes waiting to be applied or cancelled, newest first, a page at a time") { department, before, limit };
        command.SetBody(async (parse, context, ct) =>
        {
            var pageSize = parse.GetValue(limit);
            if (pageSize is < 1 or > 100)
            {
                throw new CliException("--limit must be 1 to 100");
            }

            var start = parse.GetValue(before) is { } b ? IdArgument.Parse(b, "--before") : (BigInteger?)null;
            var (client, deployment) = await context.ConnectAsync(signed: false, ct);
            uint? departmentId = parse.GetValue(department) is { } d ? await DepartmentArgument.ResolveAsync(client, d)
                : context.HasSigner ? await DepartmentArgument.OfSignerAsync(client, context.Signer(deployment.ChainId).Address)
                : null;
            var (changes, next) = (await client.SignerChanges.ScanAsync(
                c => c.Status == SignerChangeStatus.Pending && (departmentId is null || c.DepartmentId == departmentId), start, pageSize)).OrFail();
            context.Output.Result(new { changes, nextBefore = next?.ToString(CultureInfo.InvariantCulture) }, () =>
            {
                var lines = changes.Select(c => $"#{c.Id} department {c.DepartmentId}: {Describe(c)}, requested by {c.RequestedBy} at {Time(c.RequestedAt)}, applicable from {Time(c.ExecutableAt)}").ToList();
                if (changes.Count == 0)
                {
                    lines.Add(next is null ? "no pending key changes" : "no pending key changes in this page");
                }

                if (next is not null)
                {
                    lines.Add($"more: --before {next}");
                }

                return lines;
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Report()
    {
        var address = new Argument<string>("address") { Description = "A key of your department that was stolen or lost (not its last one: the quorum recovers then)" };
        var since = new Option<DateTimeOffset>("--since") { Required = true, Description = "When the compromise began (ISO 8601): documents the key anchored since then stop being valid" };
        var command = new Command("report", "Report a key of your department compromised, at once: it never acts again and what it anchored since --since is not valid") { address, since };
        command.SetBody(async (parse, context, ct) =>
        {
            var key = DepartmentArgument.Address(parse.GetValue(address)!, "address");
            // One in the future the registry refuses by its own clock (InvalidCompromisedSince).
            var from = parse.GetValue(since);
            if (TimeChecks.IsBeforeFirstChainSecond(from))
            {
                throw new CliException($"--since {Time(from)} is before 1970");
            }

            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var outcome = (await client.Departments.ReportCompromisedKeyAsync(key, from, ct)).OrFail();
            var standing = (await client.Keys.OfAsync(key)).OrFail();
            context.Output.Result(new { key, departmentId = standing.DepartmentId, keyId = standing.KeyId, compromisedSince = standing.CompromisedSince, outcome }, () =>
            [
                $"key {key} (key {standing.KeyId} of department {standing.DepartmentId}) reported compromised since {Time(standing.CompromisedSince ?? from)} in tx {outcome.TransactionHash}",
                "documents it anchored since then are not valid; the department's pending key changes were cancelled",
            ]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var department = new Option<string>("--department") { Required = true, Description = "The department (code or id)" };
        var command = new Command("list", "Every key a department ever held, by key id: current, removed, or compromised since when") { department };
        command.SetBody(async (parse, context, ct) =>
        {
            var (client, _) = await context.ConnectAsync(signed: false, ct);
            var departmentId = await DepartmentArgument.ResolveAsync(client, parse.GetValue(department)!);
            var keys = (await client.Keys.ListAsync(departmentId)).OrFail();
            context.Output.Result(keys, () => keys.Select(k => $"key {k.KeyId} {k.Address} " + k.State switch
            {
                KeyState.Compromised => $"compromised since {Time(k.CompromisedSince!.Value)}",
                KeyState.Removed => "removed",
                _ => "current",
            }));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> RequestedAsync(CliContext context, RegistryClient client, BigInteger changeId, Chain.Transactions.TransactionOutcome outcome)
    {
        var change = (await client.SignerChanges.GetAsync(changeId)).OrFail();
        context.Output.Result(new { changeId = changeId.ToString(CultureInfo.InvariantCulture), change.ExecutableAt, outcome }, () =>
        [
            $"key change {changeId} ({Describe(change)}) requested in tx {outcome.TransactionHash}",
            $"any key of the department applies it from {Time(change.ExecutableAt)} (chain time) with `ethgov keys apply {changeId}`, or cancels it before with `ethgov keys cancel {changeId}`",
        ]);
        return ExitCodes.Success;
    }

    private static string Describe(SignerChangeInfo change) => change.Kind switch
    {
        SignerChangeKind.AddSigner => $"add {change.Signer}",
        SignerChangeKind.RemoveSigner => $"remove {change.Signer}",
        SignerChangeKind.SetNode => $"publish node {CliOutput.OneLine(change.NodeUrl ?? "")}",
        _ => $"change of kind {(int)change.Kind}",
    };

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
