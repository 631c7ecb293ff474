using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EthGov.Api.Auth;
using EthGov.Api.Departments;
using EthGov.Api.Paging;
using EthGov.Api.Problems;
using EthGov.Application.ApiKeys;
using EthGov.Application.Exchange.Grantee;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Nodes;
using EthGov.Application.Records;
using EthGov.Application.Verification;
using EthGov.Chain.Deployments;
using EthGov.Chain.Registry;
using EthGov.Core.Crypto;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Exchanges;

/// <summary>
/// Records obtained from other departments' nodes under grants. Staff ask their own node (<c>POST</c>), which checks
/// the grant on chain, finds the holder and its node on chain, and writes the exchange durably before answering 202;
/// the workers log the access on chain, ask the holder, check and keep what comes. Every route acts for the API key's
/// department and needs the <c>exchanges</c> scope; a department sees its own exchanges only.
/// </summary>
public static class ExchangesApi
{
    /// <summary>Maps /api/v1/exchanges.</summary>
    public static IEndpointRouteBuilder MapExchangesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/exchanges").WithTags("Exchanges").RequireScope(ApiKeyScopes.Exchanges);
        group.MapPost("/", Create).AddEndpointFilter(ActingDepartment.RequireActiveDepartment)
            .WithName("CreateExchange").WithSummary("Ask the holder's node for a record under a grant to the caller's department");
        group.MapGet("/", List).WithName("ListExchanges").WithSummary("The caller's department's exchanges, newest first, a page at a time");
        group.MapGet("/{id}", Get).WithName("GetExchange").WithSummary("One exchange of the caller's department and where it stands");
        group.MapGet("/{id}/content", Content).WithName("GetExchangeContent")
            .WithSummary("The verified content of an exchange: once for a view-once grant, until the retention ends for a store grant");
        group.MapGet("/{id}/evidence", Evidence).WithName("GetExchangeEvidence")
            .WithSummary("The evidence of a verified exchange (ethgov-evidence/1), for an auditor: ethgov audit verify checks it offline");
        return app;
    }

    /// <summary>Checks the grant on chain, finds the holder's node, writes the exchange, answers 202.</summary>
    public static async Task<Results<Accepted<ExchangeResponse>, ProblemHttpResult>> Create(
        CreateExchangeRequest request, ActingDepartment caller, DepartmentDirectory directory, HolderChainReads chain, HolderNodes holders, ExchangeStore store,
        ExchangeSignal signal, Deployment deployment, IServiceProvider services, IOptions<ExchangeOptions> options, CancellationToken cancellationToken)
    {
        if (services.GetService<NodeKeys>() is null)
        {
            return Problems.Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.NodeKeyMissing, "This node has no node key",
                ExchangeTexts.ConfigureEthGovNodeKeyRequestsToOther);
        }

        if (!GrantIdJsonConverter.TryParse(request.GrantId, out var grantId))
        {
            return Problems.Problems.InvalidRequest(ExchangeTexts.GrantIdAGrantIdAsA);
        }

        Digest? recordId = null;
        if (request.RecordId is not null)
        {
            if (!Digest.TryParse(request.RecordId, out var parsed, out var error))
            {
                return Problems.Problems.InvalidDigest(ProblemTexts.DigestInvalid.With("recordId", DigestReason.Of(error)));
            }

            recordId = parsed;
        }

        // Read once per block for every request under the grant (the holder checks it again at its own block).
        var latest = await chain.LatestBlockAsync();
        if (!latest.IsSuccess)
        {
            return ChainProblems.From(latest.Error);
        }

        var read = await chain.GrantAsync(latest.Value, grantId);
        if (!read.IsSuccess)
        {
            return ChainProblems.From(read.Error);
        }

        if (read.Value is not { } grant)
        {
            return Refusal(ExchangeRefusal.NoGrant, ExchangeTexts.GrantDoesNotExist.With(grantId));
        }

        if (grant.GranteeDepartment != caller.Department.Id)
        {
            return Refusal(ExchangeRefusal.NotGrantee, ExchangeTexts.GrantNamesDepartmentNot.With(grantId, grant.GranteeDepartment, caller.Department.Code));
        }

        if (!grant.Valid)
        {
            return grant.Revoked
                ? Refusal(ExchangeRefusal.GrantRevoked, ExchangeTexts.GrantWasRevoked.With(grantId))
                : Refusal(ExchangeRefusal.GrantExpired, ExchangeTexts.GrantExpiredAt.With(grantId, grant.ExpiresAt));
        }

        var isKind = grant.Basis == GrantBasis.KindLegalBasis;
        if (isKind != (request.Person is not null))
        {
            return Problems.Problems.InvalidRequest(isKind
                ? ExchangeTexts.PersonForKindGrant
                : ExchangeTexts.PersonOnlyForKindGrant);
        }

        if (recordId is { } asked && asked != grant.RecordId)
        {
            return Refusal(ExchangeRefusal.RecordNotCovered, ExchangeTexts.GrantCoversNot.With(grantId, grant.RecordId, asked));
        }

        var holder = await HolderAsync(grant, request.HolderDepartment, caller.Department.Id, directory, services, cancellationToken);
        if (holder.Problem is { } noHolder)
        {
            return noHolder;
        }

        var node = await holders.GetAsync(holder.Id);
        if (!node.IsSuccess)
        {
            return ChainProblems.From(node.Error);
        }

        if (node.Value is not { } holderNode)
        {
            return Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.HolderHasNoNode, "The holder department publishes no node",
                ExchangeTexts.DepartmentHasNoNodeURLOn.With(holder.Id));
        }

        byte[]? sealedQuery = null;
        Digest? queryDigest = null;
        if (request.Person is { } person)
        {
            if (string.IsNullOrWhiteSpace(person) || person.Length > 256)
            {
                return Problems.Problems.InvalidRequest(ExchangeTexts.Person1To256Characters);
            }

            if (PublishedKeys.Encryption(holderNode.EncryptionKey) is not { } holderKey)
            {
                return Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.HolderHasNoNode, "The holder's published encryption key is not usable",
                    ExchangeTexts.DepartmentPublishesAnEncryptionKeyThat.With(holder.Id));
            }

            var query = ReleaseContext.SealQuery(holderKey, grantId, Encoding.UTF8.GetBytes(person));
            sealedQuery = [.. query.Enc, .. query.Ciphertext];
            queryDigest = query.Digest();
        }

        var requestId = new Digest(RandomNumberGenerator.GetBytes(Digest.Size));
        var entry = new AccessEntry(deployment.ChainId, deployment.Registry, grantId, grant.RecordId, holder.Id, caller.Department.Id, requestId, queryDigest ?? Digest.Zero);
        var created = await store.CreateAsync(new NewExchange(
            caller.Department.Id, grantId, grant.RecordId, holder.Id, requestId, entry.Hash(), grant.Terms.Use == GrantUse.Store, grant.Terms.RetentionDays)
        {
            SealedQuery = sealedQuery,
            QueryDigest = queryDigest,
        });
        signal.EntryWaiting(options.Value.LogBatchSize);
        var response = ExchangeResponse.From(created);
        return TypedResults.Accepted(response.Links.Self, response);
    }

    /// <summary>One exchange of the caller's department.</summary>
    public static async Task<Results<Ok<ExchangeResponse>, ProblemHttpResult>> Get(string id, HttpContext http, DepartmentDirectory directory, ExchangeStore store, CancellationToken cancellationToken)
    {
        var found = await OwnAsync(id, http, directory, store, cancellationToken);
        return found.Problem ?? (Results<Ok<ExchangeResponse>, ProblemHttpResult>)TypedResults.Ok(ExchangeResponse.From(found.Exchange!, ProblemLanguages.Preferred(http.Request)));
    }

    /// <summary>The exchanges of the caller's department, newest first: what its staff asked for and where each stands.</summary>
    public static async Task<Results<Ok<Page<ExchangeResponse>>, ProblemHttpResult>> List(
        HttpContext http, DepartmentDirectory directory, ExchangeStore store,
        [Description(Descriptions.Cursor)] string? cursor, [Description(Descriptions.PageSize)] int? pageSize, CancellationToken cancellationToken)
    {
        if (PageRequest.Read(cursor, pageSize, "exchanges", 1, out var invalid) is not { } page)
        {
            return invalid!;
        }

        var (department, problem) = await CallerDepartmentAsync(http, directory, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var fetched = store.OfDepartment(department, page.After is [var before] ? before : null, page.Size + 1).Select(e => ExchangeResponse.From(e, ProblemLanguages.Preferred(http.Request))).ToList();
        return TypedResults.Ok(page.ToPage(fetched, http.Request, "exchanges", e => [e.Id]));
    }

    /// <summary>The verified content: served once and erased for view-once, kept until the retention ends for store.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Content(
        string id, HttpContext http, DepartmentDirectory directory, ExchangeStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        var found = await OwnAsync(id, http, directory, store, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        var exchange = found.Exchange!;
        if (exchange.State != ExchangeState.Verified || exchange.ContentDigest is not { } digest)
        {
            return Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.ExchangeNotVerified, "The exchange has no verified content",
                ExchangeTexts.ExchangeIs.With(exchange.Id, ExchangeResponse.StateName(exchange.State)));
        }

        if (exchange.RetainUntil is { } until && until <= DateTimeOffset.UtcNow)
        {
            return Gone(ExchangeTexts.TheGrantAllowedKeepingTheContent.With(until));
        }

        if (!exchange.Store && exchange.ContentServedAt is not null)
        {
            return Gone(ExchangeTexts.TheGrantAllowsViewingTheContent);
        }

        var records = services.GetService<RecordStore>();
        var record = records is null ? null : await records.GetAsync(digest, cancellationToken);
        if (record?.Content is not { } content)
        {
            return Gone(ExchangeTexts.TheContentIsNotKeptErased);
        }

        if (!exchange.Store)
        {
            // The one view: claimed in the database first, so two concurrent readers cannot both get it; then erased.
            if (!store.MarkContentServed(exchange.Id))
            {
                return Gone(ExchangeTexts.TheGrantAllowsViewingTheContent);
            }

            await records!.EraseAsync(digest, cancellationToken);
        }
        else
        {
            store.MarkContentServed(exchange.Id);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(content, record.MediaType);
    }

    /// <summary>
    /// The evidence file of a verified exchange, as the replica that verified it wrote it: the access entry, its log on
    /// chain, both nodes' signatures and digests only, never the content.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Evidence(
        string id, HttpContext http, DepartmentDirectory directory, ExchangeStore store, EvidenceFiles files, CancellationToken cancellationToken)
    {
        var found = await OwnAsync(id, http, directory, store, cancellationToken);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        var exchange = found.Exchange!;
        if (exchange.State != ExchangeState.Verified)
        {
            return Problems.Problems.Create(StatusCodes.Status409Conflict, ProblemTypes.ExchangeNotVerified, "The exchange has no evidence yet",
                ExchangeTexts.ExchangeIs.With(exchange.Id, ExchangeResponse.StateName(exchange.State)));
        }

        if (await files.ReadAsync(exchange.RequestId, cancellationToken) is not { } evidence)
        {
            return Problems.Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.EvidenceNotFound, "The exchange's evidence is not on this node",
                ExchangeTexts.EvidenceNotInFolder.With(exchange.Id));
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(evidence, "application/json", $"{exchange.RequestId}.json");
    }

    private static ProblemHttpResult Gone(ProblemText detail)
        => Problems.Problems.Create(StatusCodes.Status410Gone, ProblemTypes.ContentGone, "The content is no longer served", detail);

    private static ProblemHttpResult Refusal(string reason, ProblemText detail)
    {
        var refusal = new ExchangeRefusal(reason, detail.English);
        return Problems.Problems.Create(refusal.Status, reason, refusal.Title, detail);
    }

    // A legal-basis or kind grant names its holder: the grantor. A consent grant names the record only: its holder is the
    // department that anchored it, which the chain tells for a lone anchor; a batch member's issuer is found as verification
    // finds it, by asking the departments' nodes for its batch proof and checking that on chain. The caller may name it,
    // and the holder's node checks it in any case.
    private static async Task<(uint Id, ProblemHttpResult? Problem)> HolderAsync(
        GrantInfo grant, string? named, uint grantee, DepartmentDirectory directory, IServiceProvider services, CancellationToken cancellationToken)
    {
        // A passkey consent names no grantor department: its holder is the record's issuer.
        if (grant.Basis is not GrantBasis.PasskeyConsent)
        {
            return (grant.GrantorDepartment, null);
        }

        if (named is not null)
        {
            var department = await directory.FindAsync(named, cancellationToken);
            return !department.IsSuccess ? (0, ChainProblems.From(department.Error))
                : department.Value is { } d ? (d.Id, null)
                : (0, Problems.Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.HolderUnknown, "The holder department is unknown", ExchangeTexts.NoDepartmentInTheRegistry.With(named)));
        }

        var anchored = await directory.Reader.Documents.CheckEveryDepartmentAsync(grant.RecordId);
        if (!anchored.IsSuccess)
        {
            return (0, ChainProblems.From(anchored.Error));
        }

        var issuers = anchored.Value.Where(f => f.Status != DocumentStatus.Unknown).Select(f => f.DepartmentId).Distinct().ToList();
        if (issuers.Count == 0)
        {
            var found = await services.GetRequiredService<NetworkVerifier>().VerifyAsync(
                directory.Reader.Documents, new VerificationQuery(grant.RecordId), new HashSet<uint> { grantee }, cancellationToken);
            if (!found.IsSuccess)
            {
                return (0, ChainProblems.From(found.Error));
            }

            if (found.Value.Verdict.Outcome != VerdictOutcome.Unknown)
            {
                issuers.Add(found.Value.Facts.DepartmentId);
            }
        }

        return issuers.Count == 1
            ? (issuers[0], null)
            : (0, Problems.Problems.Create(StatusCodes.Status422UnprocessableEntity, ProblemTypes.HolderUnknown, "The holder of the record cannot be told from the chain",
                issuers.Count == 0
                    ? ExchangeTexts.NoAnchorOfRecord
                    : ExchangeTexts.AnchoredByMany));
    }

    private static async Task<(ExchangeRecord? Exchange, ProblemHttpResult? Problem)> OwnAsync(
        string id, HttpContext http, DepartmentDirectory directory, ExchangeStore store, CancellationToken cancellationToken)
    {
        var (department, problem) = await CallerDepartmentAsync(http, directory, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var exchangeId))
        {
            return (null, Problems.Problems.InvalidRequest(ExchangeTexts.IdAnExchangeIdIsA));
        }

        // Another department's exchange is answered like one that does not exist: its id says nothing.
        return store.Get(exchangeId) is { } exchange && exchange.Department == department
            ? (exchange, null)
            : (null, Problems.Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.ExchangeNotFound, "No such exchange",
                ExchangeTexts.NoExchangeOfDepartment.With(exchangeId, ActingDepartment.CodeOf(http.User)!)));
    }

    // The id of the caller's department (an unknown code has id 0, which owns no exchange).
    private static async Task<(uint Department, ProblemHttpResult? Problem)> CallerDepartmentAsync(
        HttpContext http, DepartmentDirectory directory, CancellationToken cancellationToken)
    {
        if (ActingDepartment.CodeOf(http.User) is not { } code)
        {
            return (0, Unauthorized());
        }

        var department = await directory.FindAsync(code, cancellationToken);
        return department.IsSuccess ? (department.Value?.Id ?? 0, null) : (0, ChainProblems.From(department.Error));
    }

    private static ProblemHttpResult Unauthorized()
        => Problems.Problems.Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "An API key is required", ExchangeTexts.SendTheDepartmentSKey);
}
