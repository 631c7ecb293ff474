using System.CommandLine;
using System.Numerics;
using EthGov.Chain.Registry;
using EthGov.Cli.Common;
using EthGov.Core.Digests;
using EthGov.Core.Purposes;
using EthGov.Core.Records;

namespace EthGov.Cli.Commands;

/// <summary><c>ethgov grant</c> and <c>ethgov access</c>: access grants between departments and the access log.</summary>
public static class GrantCommand
{
    /// <summary>Creates <c>grant</c>.</summary>
    public static Command Create() => new("grant", "Access grants: a department may read one record (or every record of a kind), for one purpose, until an expiry, on terms")
    {
        CreateGrant(),
        CreateKindGrant(),
        RevokeGrant(),
        ListGrants(),
    };

    /// <summary>Creates <c>access</c>.</summary>
    public static Command CreateAccess()
    {
        var id = new Argument<string>("grant-id");
        var log = new Command("log", "Log one access to a record under a valid grant (grantee department)") { id };
        log.SetBody(async (parse, context, ct) =>
        {
            var grantId = ParseGrantId(parse.GetValue(id)!);
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var outcome = (await client.Grants.LogAccessAsync(grantId, ct)).OrFail();
            context.Output.Result(outcome, () => [$"access under grant {grantId} logged in tx {outcome.TransactionHash}, block {outcome.BlockNumber}"]);
            return ExitCodes.Success;
        });
        return new Command("access", "The on-chain access log") { log };
    }

    private static Command CreateGrant()
    {
        var record = new Option<string>("--record") { Required = true, Description = "Record id: 0x + 64 hex (an opaque id, never personal data)" };
        var grantee = new Option<string>("--grantee") { Required = true, Description = "Grantee department code or id" };
        var purpose = PurposeOption.Create();
        var expires = new Option<DateTimeOffset>("--expires") { Required = true, Description = "Expiry (ISO 8601)" };
        var basis = new Option<string>("--legal-basis") { Required = true, Description = "The legal basis (its text is hashed; the hash goes on chain)" };
        var receiptFile = new Option<string?>("--receipt") { Description = "The record's receipt, when your department anchored it in a batch (it holds the proof)" };
        var command = new Command("create", "Grant a department access to a record your department anchored, under a legal basis") { record, grantee, purpose, expires, basis, receiptFile };
        var termsOptions = new GrantTermsOptions();
        termsOptions.AddTo(command);
        command.SetBody(async (parse, context, ct) =>
        {
            var recordId = DigestArgument.Parse(parse.GetValue(record)!, "record id");
            var purposeCode = PurposeOption.Read(parse, purpose);
            var terms = termsOptions.Read(parse, GrantBasis.LegalBasis);
            TimeOption.RequireFuture(parse.GetValue(expires), "--expires");
            var receipt = await ReceiptFiles.ReadOptionalAsync(parse.GetValue(receiptFile), ct);
            if (receipt is not null && receipt.Digest != recordId)
            {
                throw new CliException($"the receipt is for {receipt.Digest}, not {recordId}");
            }

            if (GrantLifetime.Problem(parse.GetValue(expires), DateTimeOffset.UtcNow) is { } lifetime)
            {
                throw new CliException("--expires: " + lifetime);
            }

            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var granteeId = await ResolveDepartmentAsync(client, parse.GetValue(grantee)!);
            var grantorId = await DepartmentArgument.OfSignerAsync(client);
            if (granteeId == grantorId)
            {
                throw new CliException($"--grantee is your own department ({grantorId}): a department does not grant access to itself");
            }

            var legalBasis = DocumentHasher.Hash(System.Text.Encoding.UTF8.GetBytes(parse.GetValue(basis)!));
            var sent = await client.Grants.GrantAsync(
                recordId, receipt?.Batch?.Root ?? Digest.Zero, receipt?.Batch?.Proof ?? [], granteeId, purposeCode.Number, parse.GetValue(expires), legalBasis, terms, ct);
            if (!sent.IsSuccess && sent.Error.Name == "NotIssuingDepartment")
            {
                throw new CliException(receipt?.Batch is null
                    ? $"your department ({grantorId}) did not anchor record {recordId} on its own: a legal-basis grant is only for a record your department issued; for a document of a batch give its --receipt"
                    : $"your department ({grantorId}) did not anchor record {recordId} in batch {receipt.Batch.Root}: a legal-basis grant is only for a record your department issued");
            }

            var (outcome, grantId) = sent.OrFail();
            context.Output.Result(new { grantId = grantId.ToString(), purpose = purposeCode.Number, purposeName = purposeCode.Name, terms, outcome },
                () => [$"grant {grantId} for purpose {purposeCode} created in tx {outcome.TransactionHash}"]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateKindGrant()
    {
        var kind = new Option<string>("--kind") { Required = true, Description = "Record kind name, 1 to 40 characters of a-z, 0-9 and '-' (e.g. birth-certificate)" };
        var grantee = new Option<string>("--grantee") { Required = true, Description = "Grantee department code or id" };
        var purpose = PurposeOption.Create();
        var expires = new Option<DateTimeOffset>("--expires") { Required = true, Description = "Expiry (ISO 8601)" };
        var basis = new Option<string>("--legal-basis") { Required = true, Description = "The legal basis (its text is hashed; the hash goes on chain)" };
        var command = new Command("kind", "Grant a department access, under a legal basis, to every record of a kind your department issues") { kind, grantee, purpose, expires, basis };
        var termsOptions = new GrantTermsOptions();
        termsOptions.AddTo(command);
        command.SetBody(async (parse, context, ct) =>
        {
            var name = parse.GetValue(kind)!;
            if (!RecordKind.IsValidName(name))
            {
                throw new CliException($"--kind: 1 to {RecordKind.MaxNameLength} characters of a-z, 0-9 and '-', not '{name}'");
            }

            var purposeCode = PurposeOption.Read(parse, purpose);
            var terms = termsOptions.Read(parse, GrantBasis.KindLegalBasis);
            TimeOption.RequireFuture(parse.GetValue(expires), "--expires");
            if (GrantLifetime.Problem(parse.GetValue(expires), DateTimeOffset.UtcNow) is { } lifetime)
            {
                throw new CliException("--expires: " + lifetime);
            }

            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var granteeId = await ResolveDepartmentAsync(client, parse.GetValue(grantee)!);
            var grantorId = await DepartmentArgument.OfSignerAsync(client);
            if (granteeId == grantorId)
            {
                throw new CliException($"--grantee is your own department ({grantorId}): a department does not grant access to itself");
            }

            var kindId = RecordKind.Id(name);
            var legalBasis = DocumentHasher.Hash(System.Text.Encoding.UTF8.GetBytes(parse.GetValue(basis)!));
            var (outcome, grantId) = (await client.Grants.GrantKindAsync(kindId, granteeId, purposeCode.Number, parse.GetValue(expires), legalBasis, terms, ct)).OrFail();
            context.Output.Result(new { grantId = grantId.ToString(), kind = name, kindId, purpose = purposeCode.Number, purposeName = purposeCode.Name, terms, outcome },
                () => [$"grant {grantId} for every {name} record (kind {kindId}), purpose {purposeCode}, created in tx {outcome.TransactionHash}"]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeGrant()
    {
        var id = new Argument<string>("grant-id");
        var command = new Command("revoke", "Revoke a grant, as its terms allow (grantor side: the subject or the grantor department; grantee department)") { id };
        command.SetBody(async (parse, context, ct) =>
        {
            var grantId = ParseGrantId(parse.GetValue(id)!);
            var (client, _) = await context.ConnectAsync(signed: true, ct);
            var outcome = (await client.Grants.RevokeAsync(grantId, ct)).OrFail();
            context.Output.Result(outcome, () => [$"grant {grantId} revoked in tx {outcome.TransactionHash}"]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListGrants()
    {
        var record = new Option<string?>("--record") { Description = "Only grants for this record id" };
        var grantee = new Option<string?>("--grantee") { Description = "Only grants to this department (code or id)" };
        var command = new Command("list", "List grants, newest first") { record, grantee };
        command.SetBody(async (parse, context, ct) =>
        {
            var (client, _) = await context.ConnectAsync(signed: false, ct);
            var recordId = parse.GetValue(record) is { } r ? DigestArgument.Parse(r, "record id") : (Digest?)null;
            var granteeId = parse.GetValue(grantee) is { } g ? await ResolveDepartmentAsync(client, g) : (uint?)null;
            var count = (await client.Grants.CountAsync()).OrFail();
            var grants = new List<Chain.Registry.GrantInfo>();
            for (var id = count; id >= 1; id--)
            {
                var grant = (await client.Grants.GetAsync(id)).OrFail();
                if ((recordId is null || grant.RecordId == recordId) && (granteeId is null || grant.GranteeDepartment == granteeId))
                {
                    grants.Add(grant);
                }
            }

            context.Output.Result(grants.Select(g => g with { }).ToList(), () =>
                grants.Select(g => $"#{g.Id} record {g.RecordId} -> department {g.GranteeDepartment}, purpose {GrantPurposes.Describe(g.Purpose)}, until {g.ExpiresAt:u}, {g.Basis}, {g.Terms.Use} ({g.Terms.RetentionDays} days, {g.Terms.MaxFetches} fetches), {(g.Valid ? "valid" : g.Revoked ? "revoked" : "expired")}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static BigInteger ParseGrantId(string text) => IdArgument.Parse(text, "grant-id");

    private static Task<uint> ResolveDepartmentAsync(Chain.Registry.RegistryClient client, string codeOrId) => DepartmentArgument.ResolveAsync(client, codeOrId);
}
