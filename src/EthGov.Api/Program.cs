using EthGov.Api.Audit;
using EthGov.Api.Auth;
using EthGov.Api.BulkJobs;
using EthGov.Api.ChainState;
using EthGov.Api.ChangeRequests;
using EthGov.Api.Consents;
using EthGov.Api.Configuration;
using EthGov.Api.Departments;
using EthGov.Api.Documents;
using EthGov.Api.Erasure;
using EthGov.Api.Exchanges;
using EthGov.Api.GrantRequests;
using EthGov.Api.Grants;
using EthGov.Api.Health;
using EthGov.Api.Indexing;
using EthGov.Api.MyData;
using EthGov.Api.NodeRoutes;
using EthGov.Api.Nodes;
using EthGov.Api.OpenApi;
using EthGov.Api.Outbox;
using EthGov.Api.Page;
using EthGov.Api.Passkeys;
using EthGov.Api.Problems;
using EthGov.Api.Receipts;
using EthGov.Api.Records;
using EthGov.Api.Replicas;
using EthGov.Api.Requests;
using EthGov.Api.Signers;
using EthGov.Api.Staff;
using EthGov.Api.Telemetry;
using EthGov.Api.Timeline;
using EthGov.Api.Verification;
using EthGov.Application.Anchoring;
using EthGov.Application.Storage;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
// The database lives in the data directory; watching configuration files would wake on every WAL write if it sat
// under the content root, and the API reads its settings once anyway.
builder.Configuration.Sources.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationSource>().ToList().ForEach(s => s.ReloadOnChange = false);

builder.Services.Configure<ChainOptions>(builder.Configuration.GetSection("Chain"));
builder.Services.Configure<EthGovOptions>(builder.Configuration.GetSection("EthGov"));
builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection("EthGov:Outbox"))
    .Validate(o => BatchPlanner.IsValidBatchSize(o.MaxBatchSize), $"EthGov:Outbox:MaxBatchSize must be between 1 and {BatchPlanner.MaxBatchSize}")
    .ValidateOnStart();
builder.Services.Configure<DocumentsOptions>(builder.Configuration.GetSection("EthGov:Documents"));
builder.Services.Configure<DepartmentsOptions>(builder.Configuration.GetSection("EthGov:Departments"));
builder.Services.Configure<IndexerOptions>(builder.Configuration.GetSection("EthGov:Indexer"));
builder.Services.Configure<ReplicaOptions>(builder.Configuration.GetSection("EthGov:Replicas"));
var chainOptions = builder.Configuration.GetSection("Chain").Get<ChainOptions>() ?? new ChainOptions();
var ethGovOptions = builder.Configuration.GetSection("EthGov").Get<EthGovOptions>() ?? new EthGovOptions();
var rateLimits = builder.Configuration.GetSection("EthGov:RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions();
StartupValidation.RequirePublicBaseUrl(ethGovOptions, builder.Environment);
// One node process per data directory, decided before anything opens the store; held until the host is disposed.
DataDirectoryLock dataDirectoryLock;
try
{
    dataDirectoryLock = DataDirectoryLock.Acquire(ethGovOptions.DataDirectory);
}
catch (DataDirectoryTakenException taken)
{
    Console.Error.WriteLine(taken.Message);
    return 1;
}

builder.Services.AddSingleton(_ => dataDirectoryLock);
var deployment = await StartupValidation.ValidateAsync(chainOptions, ethGovOptions);
var database = new Database(ethGovOptions.DataDirectory, ethGovOptions.Storage);
var binding = DeploymentBinding.Apply(database, deployment, ethGovOptions.ReanchorOnNewDeployment,
    await StartupValidation.LegacyDepartmentIdsAsync(chainOptions, deployment));
builder.Services.AddSingleton(deployment);
builder.Services.AddSingleton(database);
SignerSetup signerSetup;
try
{
    signerSetup = await SignerSetup.RunAsync(builder.Configuration, chainOptions, ethGovOptions, deployment, database);
}
catch (StartupRefusedException refused)
{
    dataDirectoryLock.Dispose();
    Console.Error.WriteLine(refused.Message);
    return 1;
}

// Built by a factory, so the container disposes it (and releases the sender locks) when the host stops.
builder.Services.AddSingleton(_ => signerSetup.Keys);
var identity = await NodeIdentity.CheckAsync(new RegistryClient(chainOptions, deployment.Registry).Departments,
    [.. signerSetup.Keys.Accounts.Keys], ethGovOptions.PublicBaseUrl, ethGovOptions.NodeKey, chainOptions.ChainId);
if (identity.Refusal is { } notThisNode)
{
    signerSetup.Keys.Dispose();
    dataDirectoryLock.Dispose();
    Console.Error.WriteLine(notThisNode);
    return 1;
}

if (identity.Keys is { } nodeKeys)
{
    builder.Services.AddSingleton(_ => nodeKeys);
}

builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddEthGovProblems();
builder.Services.AddEthGovOpenApi();
builder.Services.AddEthGovApiKeys(builder.Configuration);
builder.Services.AddEthGovStaff(builder.Configuration, ethGovOptions.PublicBaseUrl);
builder.Services.AddEthGovChangeRequests(builder.Configuration);
builder.Services.AddEthGovBulkJobs(builder.Configuration);
builder.Services.AddEthGovRateLimiting(rateLimits);
builder.Services.AddEthGovNodes(builder.Configuration);
builder.Services.AddEthGovRecords(builder.Configuration, deployment.ChainId);
builder.Services.AddEthGovPasskeys(builder.Configuration);
builder.Services.AddEthGovExchangeHolder(builder.Configuration);
builder.Services.AddEthGovExchanges(builder.Configuration);
builder.Services.AddEthGovErasure(builder.Configuration);
builder.Services.AddEthGovGrantRequests(builder.Configuration);
builder.Services.AddEthGovTelemetry(builder.Configuration);
builder.Services.AddEthGovPage();

// One confirmation for every client of the API: reads never rest on a block older than its own latest transaction.
builder.Services.AddSingleton<TransactionConfirmation>();
builder.Services.AddSingleton<DepartmentDirectory>();
builder.Services.AddSingleton<DepartmentSigners>();
builder.Services.AddSingleton<ChainStatus>();
builder.Services.AddSingleton<DocumentIndex>();
builder.Services.AddSingleton<PendingDocuments>();
builder.Services.AddSingleton<BatchTraces>();
builder.Services.AddSingleton<BatchStore>();
builder.Services.AddSingleton<OutboxWriter>();
builder.Services.AddSingleton<AnchorLookup>();
builder.Services.AddSingleton<VanishedAnchors>();
builder.Services.AddSingleton<ReceiptService>();
builder.Services.AddSingleton<DocumentChanges>();
builder.Services.AddSingleton<AnchorService>();
builder.Services.AddSingleton<IssuedDocuments>();
builder.Services.AddSingleton<IssuedRegister>();
builder.Services.AddSingleton<DocumentRevocation>();
builder.Services.AddSingleton<DocumentSupersession>();
builder.Services.AddSingleton<DocumentResponses>();
builder.Services.AddSingleton<DocumentVerification>();
builder.Services.AddSingleton<IndexStore>();
builder.Services.AddSingleton<ReplicaLeadership>();
builder.Services.AddSingleton<OwnWrites>();
builder.Services.AddSingleton<ReplicaSync>();
// Order matters: the outbox is loaded before its writer starts, and both before the batcher and the server.
builder.Services.AddHostedService<OutboxLoader>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxWriter>());
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReplicaSync>());
builder.Services.AddHostedService<LeaseKeeper>();
builder.Services.AddHostedService<AnchorBatcher>();
builder.Services.AddHostedService<ChangeReplayer>();
builder.Services.AddHostedService<EventIndexer>();
builder.Services.AddHealthChecks()
    .AddCheck<ChainHealthCheck>("chain")
    .AddCheck<DatabaseHealthCheck>("database")
    .AddCheck<IndexHealthCheck>("index")
    .AddCheck<SignersHealthCheck>("signers");

var app = builder.Build();
// Resolved now, so the container owns the lock and releases it when the host stops (a test host restarts in-process).
app.Services.GetRequiredService<DataDirectoryLock>();
// The chain answered start-up validation: read the departments now, so a chain outage right after start still finds
// a last known list and keeps accepting documents into the outbox instead of refusing every write with 503.
await app.Services.GetRequiredService<DepartmentDirectory>().ListAsync();
if (app.Logger.IsEnabled(LogLevel.Information))
{
    app.Logger.LogInformation("{Binding}", binding);
    app.Logger.LogInformation("{Served}", signerSetup.Served);
}

foreach (var warning in signerSetup.Warnings.Concat(identity.Warnings))
{
    app.Logger.LogWarning("{Warning}", warning);
}
// Under a path of its public URL (behind a proxy), then routing: the routes match below the path.
app.UsePublicPathBase(ethGovOptions.PublicBaseUrl);
app.UseRouting();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePageFiles();
app.UseAuthentication();
app.UseStaffSessions();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<JsonBodyLimitMiddleware>();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthApi();
app.MapDocumentsApi();
app.MapIssuedDocumentsApi();
app.MapRevocationReasonsApi();
app.MapVerificationApi();
app.MapDepartmentsApi();
app.MapKeysApi();
app.MapGrantsApi();
app.MapPurposesApi();
app.MapRecordsApi();
app.MapPasskeysApi();
app.MapConsentsApi();
app.MapCitizenSignInApi();
app.MapMyDataApi();
app.MapNodeAccessBatchesApi();
app.MapNodeReleasesApi();
app.MapRecordTimelineApi();
app.MapExchangesApi();
app.MapNodeErasuresApi();
app.MapGrantRequestsApi();
app.MapNodeGrantRequestsApi();
app.MapAuditApi();
app.MapSessionApi();
app.MapChangeRequestsApi();
app.MapBulkJobsApi();
app.MapPageApi();
app.MapQrCodeApi();
app.MapMetricsApi();

await app.RunAsync();
return 0;

/// <summary>The API's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
