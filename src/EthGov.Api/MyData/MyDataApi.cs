using System.Globalization;
using System.Numerics;
using EthGov.Api.Consents;
using EthGov.Api.Departments;
using EthGov.Api.Grants;
using EthGov.Api.Indexing;
using EthGov.Api.Passkeys;
using EthGov.Api.Problems;
using EthGov.Api.Signers;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Passkeys;
using EthGov.Application.Records;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Records;
using EthGov.Core.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EthGov.Api.MyData;

/// <summary>
/// "My data", for a citizen signed in with a passkey (<see cref="CitizenSignInApi"/>): the records this node keeps bound to
/// that passkey, every grant that opens them (legal-basis grants on the record or its kind, consents given with this
/// passkey) as the chain holds it, the accesses logged on chain, and the holder's releases, each with its access log
/// checked on chain and its root's entries asked of the grantee's node: a node that withholds entries shows as such.
/// A consent given with this passkey can be revoked here, through the same passkey revocation as the consent page.
/// </summary>
public static class MyDataApi
{
    /// <summary>The most records one answer shows.</summary>
    public const int MaxRecords = 50;

    /// <summary>The most grants, accesses or releases one answer shows per record.</summary>
    public const int MaxItems = 200;

    /// <summary>The route.</summary>
    public const string Route = "/api/v1/my-data";

    /// <summary>Maps /api/v1/my-data.</summary>
    public static IEndpointRouteBuilder MapMyDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).WithTags("My data");
        group.MapGet("/", Get).WithName("MyData")
            .WithSummary("The signed-in citizen's records on this node, the grants that open them, and every logged access and release, checked on chain");
        group.MapPost("/grants/{grantId}/challenge", RevocationChallenge).WithName("MyDataRevocationChallenge")
            .WithSummary("The challenge to revoke a consent this passkey gave (the passkey revocation of the consent page)");
        group.MapPost("/grants/{grantId}/revocation", Revoke).WithName("MyDataRevoke")
            .WithSummary("Revoke a consent this passkey gave: the assertion over the challenge, checked here and relayed to the chain");
        return app;
    }

    /// <summary>The citizen's data.</summary>
    public static async Task<Results<Ok<MyDataResponse>, ProblemHttpResult>> Get(
        HttpContext http, CitizenSessions sessions, PasskeyBindingStore bindings, ConsentRequestStore consents, [FromServices] RecordStore? records, IndexStore index,
        ReleaseJournal journal, DepartmentDirectory directory, AccessBatchWitness witness, [FromServices] IRecordAnchors? anchors, CancellationToken cancellationToken)
    {
        if (await CitizenCookie.SessionAsync(http, sessions, cancellationToken) is not { } session)
        {
            return CitizenProblems.SessionRequiredProblem();
        }

        var bound = await bindings.LiveByPasskeyAsync(session.PasskeyId, MaxRecords + 1, cancellationToken);
        var truncated = bound.Count > MaxRecords;
        var reader = directory.Reader;
        var names = new Dictionary<uint, MyDepartment>();
        var witnessed = new Dictionary<Digest, WitnessedBatch>();
        var shown = new List<MyRecord>();
        foreach (var binding in bound.Take(MaxRecords))
        {
            var record = records is null ? null : await records.GetAsync(binding.RecordId, cancellationToken);
            var kind = record?.Kind;
            var status = await StatusAsync(reader, binding, anchors);

            var grantIds = index.Grants(binding.RecordId, null, 0, MaxItems + 1).Select(g => (g.Id, g.TransactionHash, g.BlockNumber)).ToList();
            if (kind is not null && RecordKind.IsValidName(kind))
            {
                grantIds.AddRange(index.Grants(RecordKind.Id(kind), null, 0, MaxItems + 1).Select(g => (g.Id, g.TransactionHash, g.BlockNumber)));
            }

            truncated |= grantIds.Count > MaxItems;
            var grants = new List<MyGrant>();
            foreach (var (id, tx, block) in grantIds.Take(MaxItems))
            {
                if (await GrantAsync(reader, new BigInteger(id), binding, session.PasskeyId, consents, tx, block, d => NameAsync(directory, names, d, cancellationToken), cancellationToken) is { } grant)
                {
                    grants.Add(grant);
                }
            }

            var accesses = new List<MyAccess>();
            foreach (var logged in index.ByRecord(binding.RecordId, null, MaxItems).Where(e => e.Event == "AccessLogged" && e.Department is not null))
            {
                accesses.Add(new MyAccess(logged.GrantId!.Value.ToString(CultureInfo.InvariantCulture), await NameAsync(directory, names, logged.Department!.Value, cancellationToken),
                    logged.BlockTime, logged.TransactionHash, logged.BlockNumber));
            }

            var journaled = await journal.ForRecordAsync(binding.RecordId, cancellationToken);
            truncated |= journaled.Count > MaxItems;
            var releases = new List<MyRelease>();
            foreach (var release in journaled.TakeLast(MaxItems))
            {
                releases.Add(await ReleaseAsync(reader, witness, witnessed, release, await NameAsync(directory, names, release.Grantee, cancellationToken), cancellationToken));
            }

            shown.Add(new MyRecord(binding.RecordId, kind, await NameAsync(directory, names, binding.Department, cancellationToken), PasskeyRoleNames.Name(binding.Role),
                record?.CreatedAt ?? binding.BoundAt, status, record?.ErasedAt, grants, accesses, releases));
        }

        return TypedResults.Ok(new MyDataResponse(session.PasskeyId, session.ExpiresAt, shown, truncated));
    }

    /// <summary>The challenge to revoke consent <paramref name="grantId"/>, when this passkey gave it through this node.</summary>
    public static async Task<Results<Ok<ConsentChallengeResponse>, ProblemHttpResult>> RevocationChallenge(
        string grantId, HttpContext http, CitizenSessions sessions, PasskeyBindingStore bindings, ConsentRequestStore consents, PasskeySite site,
        DepartmentDirectory directory, PasskeyChallenges challenges, CancellationToken cancellationToken)
    {
        var (request, problem) = await OwnConsentAsync(grantId, http, sessions, bindings, consents, directory, cancellationToken);
        return problem ?? await ConsentsApi.ChallengeForAsync(request, consents, bindings, site, directory, challenges, cancellationToken);
    }

    /// <summary>Revokes consent <paramref name="grantId"/> with the passkey's assertion over the challenge.</summary>
    public static async Task<Results<Created<ConsentRecordedResponse>, Ok<ConsentRecordedResponse>, ProblemHttpResult>> Revoke(
        string grantId, MyRevocationRequest assertion, HttpContext http, CitizenSessions sessions, PasskeyBindingStore bindings, ConsentRequestStore consents,
        PasskeySite site, DepartmentDirectory directory, DepartmentSigners signers, PasskeyChallenges challenges, CancellationToken cancellationToken)
    {
        var (request, problem) = await OwnConsentAsync(grantId, http, sessions, bindings, consents, directory, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // A granted request's next step is its revocation: a consent is never given again from here.
        return request!.GrantId is null
            ? ConsentProblems.NotFoundProblem()
            : await ConsentsApi.AssertForAsync(request, new ConsentAssertionRequest(assertion.ClientDataJson, assertion.AuthenticatorData, assertion.Signature),
                consents, bindings, site, directory, signers, challenges, cancellationToken);
    }

    /// <summary>
    /// The consent request behind grant <paramref name="grantId"/>, when the session's passkey is the one bound to the
    /// grant's record now and the chain names that passkey in the grant; otherwise 401 or 404, never a hint of another's grant.
    /// </summary>
    private static async Task<(ConsentRequest? Request, ProblemHttpResult? Problem)> OwnConsentAsync(
        string grantId, HttpContext http, CitizenSessions sessions, PasskeyBindingStore bindings, ConsentRequestStore consents, DepartmentDirectory directory,
        CancellationToken cancellationToken)
    {
        if (await CitizenCookie.SessionAsync(http, sessions, cancellationToken) is not { } session)
        {
            return (null, CitizenProblems.SessionRequiredProblem());
        }

        if (grantId.Length > 78 || !BigInteger.TryParse(grantId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return (null, Problems.Problems.InvalidRequest(MyDataTexts.GrantIdAGrantSIdA));
        }

        var grant = await directory.Reader.Grants.GetAsync(id);
        if (!grant.IsSuccess)
        {
            return (null, ChainProblems.From(grant.Error));
        }

        if (grant.Value.Basis != GrantBasis.PasskeyConsent
            || await bindings.LiveAsync(grant.Value.RecordId, cancellationToken) is not { } binding || binding.PasskeyId != session.PasskeyId)
        {
            return (null, ConsentProblems.NotFoundProblem());
        }

        var passkey = await directory.Reader.Grants.PasskeyOfAsync(id);
        if (!passkey.IsSuccess)
        {
            return (null, ChainProblems.From(passkey.Error));
        }

        return passkey.Value == session.PasskeyId && await consents.FindByGrantAsync(grant.Value.RecordId, id, cancellationToken) is { } request
            ? (request, null)
            : (null, ConsentProblems.NotFoundProblem());
    }

    private static async Task<string> StatusAsync(RegistryClient reader, PasskeyBinding binding, IRecordAnchors? anchors)
    {
        var place = anchors?.Find(binding.RecordId);
        var facts = place?.Root is { } root
            ? await reader.Documents.CheckInBatchAsync(binding.Department, root, binding.RecordId, place.Proof)
            : await reader.Documents.CheckAsync(binding.Department, binding.RecordId);
        return !facts.IsSuccess ? "chain-unavailable" : facts.Value.Status switch
        {
            DocumentStatus.Valid => "valid",
            DocumentStatus.Expired => "expired",
            DocumentStatus.Revoked => "revoked",
            DocumentStatus.Superseded => "superseded",
            DocumentStatus.KeyCompromised => "key-compromised",
            _ => "unknown",
        };
    }

    private static async Task<MyGrant?> GrantAsync(
        RegistryClient reader, BigInteger id, PasskeyBinding binding, Digest passkeyId, ConsentRequestStore consents, string transactionHash, ulong block,
        Func<uint, Task<MyDepartment>> name, CancellationToken cancellationToken)
    {
        var read = await reader.Grants.GetAsync(id);
        if (!read.IsSuccess)
        {
            return null;
        }

        var grant = read.Value;
        bool ours;
        switch (grant.Basis)
        {
            case GrantBasis.LegalBasis or GrantBasis.KindLegalBasis:
                // Only the holder grants its own records, or every record of a kind it issues.
                ours = grant.GrantorDepartment == binding.Department;
                break;
            case GrantBasis.PasskeyConsent:
                var passkey = await reader.Grants.PasskeyOfAsync(id);
                ours = passkey.IsSuccess && passkey.Value == passkeyId;
                break;
            default:
                ours = false;
                break;
        }

        if (!ours)
        {
            return null;
        }

        var state = grant.Revoked ? "revoked" : grant.ExpiresAt <= DateTimeOffset.UtcNow ? "expired" : "active";
        var revocable = state == "active" && grant.Basis == GrantBasis.PasskeyConsent
            && await consents.FindByGrantAsync(binding.RecordId, id, cancellationToken) is { RevokedAt: null };
        return new MyGrant(id.ToString(CultureInfo.InvariantCulture), GrantBasisNames.Of((long)grant.Basis), await name(grant.GranteeDepartment), grant.Purpose,
            grant.ExpiresAt, GrantTermsResponse.From(grant.Terms), state, revocable, transactionHash, block);
    }

    private static async Task<MyRelease> ReleaseAsync(
        RegistryClient reader, AccessBatchWitness witness, Dictionary<Digest, WitnessedBatch> witnessed, JournaledRelease release, MyDepartment grantee,
        CancellationToken cancellationToken)
    {
        MyRelease Make(string log, uint? entries, string state, string detail) => new(
            release.RequestId, release.GrantId.ToString(CultureInfo.InvariantCulture), grantee, release.ReleasedAt, release.AcknowledgedAt, release.EntryHash,
            release.LogRoot, release.LogBlock, log, entries, state, detail);

        var batch = await reader.Grants.GetAccessBatchAsync(release.LogRoot);
        if (!batch.IsSuccess)
        {
            return Make("chain-unavailable", null, "unchecked", "the chain could not be read");
        }

        if (batch.Value is not { } logged)
        {
            return Make("not-on-chain", null, "unchecked", "no access-log root like this is on chain");
        }

        if (logged.Department != release.Grantee)
        {
            return Make("other-department", logged.Entries, "unchecked", $"the root on chain was logged by department {logged.Department}, not the grantee");
        }

        if (release.HasLogProof && !MerkleTree.Verify(release.LogRoot, release.EntryHash, [.. release.LogProof]))
        {
            return Make("not-in-root", logged.Entries, "unchecked", "the entry's proof does not lead to the root on chain");
        }

        if (!witnessed.TryGetValue(release.LogRoot, out var answer))
        {
            answer = await witness.AskAsync(release.LogRoot, logged, cancellationToken);
            witnessed[release.LogRoot] = answer;
        }

        var (state, detail) = answer.Of(release.EntryHash);
        return Make("in-root", logged.Entries, state, detail);
    }

    private static async Task<MyDepartment> NameAsync(DepartmentDirectory directory, Dictionary<uint, MyDepartment> names, uint id, CancellationToken cancellationToken)
    {
        if (!names.TryGetValue(id, out var department))
        {
            var found = await directory.FindAsync(id, cancellationToken);
            department = found.IsSuccess && found.Value is { } d ? new MyDepartment(id, d.Code, d.Name) : new MyDepartment(id, id.ToString(CultureInfo.InvariantCulture), string.Empty);
            names[id] = department;
        }

        return department;
    }
}
