using System.Text.Json.Serialization;
using EthGov.Application.Storage;
using EthGov.Core.Digests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EthGov.LoadTest.Storage;

/// <summary>
/// The reference of the storage benchmark: the least an ASP.NET Core endpoint can do to accept a digest durably. POST
/// /api/v1/documents/ with <c>{"digest": "0x..."}</c> (bench/wrk/anchor.lua's requests) parses the digest, writes one row
/// through EthGov.Application's <see cref="GroupCommit"/> on a SQLite file with EthGov's settings (WAL, synchronous=FULL)
/// and answers 202 after that commit. No API key, no chain, no batches, no index: whatever EthGov's intake costs beyond
/// this is what the ratio measures. With an API key in <see cref="ReferencePipeline.KeyVariable"/> the same endpoint sits
/// behind ASP.NET Core's authentication, rate limiter and authorization and answers with the document's status
/// (<see cref="ReferencePipeline"/>).
/// </summary>
internal static class ReferenceServer
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var url = new Uri(args.Required("--url"));
        if (!url.IsLoopback)
        {
            throw new ArgumentException("the reference listens on loopback only");
        }

        var database = new Database(args.Required("--data-dir"));
        using (var setup = database.Connect())
        {
            Database.Execute(setup, "CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, digest BLOB NOT NULL, accepted_at INTEGER NOT NULL)");
        }

        // One connection, as EthGov's outbox writer keeps one: the group commit is its only user.
        using var connection = database.Connect();
        using var commits = new GroupCommit(() => connection, database.Dialect, ownsConnections: false);

        // The content root is the working directory, never the data directory, so no file watcher wakes on WAL writes.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(url.ToString());
        builder.Logging.ClearProviders();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ReferenceJson.Default));
        var key = Environment.GetEnvironmentVariable(ReferencePipeline.KeyVariable);
        if (key is not null)
        {
            builder.Services.AddReferencePipeline(key);
        }

        await using var app = builder.Build();
        if (key is not null)
        {
            app.UseReferencePipeline();
        }

        app.MapGet("/health/live", () => TypedResults.Ok());
        var anchor = app.MapPost("/api/v1/documents/", async (ReferenceRequest request, HttpContext http) =>
        {
            if (!Digest.TryParse(request.Digest, out var digest))
            {
                return Results.BadRequest();
            }

            var bytes = digest.ToArray();
            long acceptedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await commits.WriteAsync((c, t) =>
            {
                using var insert = c.CreateCommand();
                insert.Transaction = t;
                insert.CommandText = "INSERT INTO documents (digest, accepted_at) VALUES (@digest, @accepted_at)";
                insert.Parameters.AddWithValue("@digest", bytes);
                insert.Parameters.AddWithValue("@accepted_at", acceptedAt);
                return insert.ExecuteNonQuery();
            });
            if (key is null)
            {
                return Results.Accepted();
            }

            var url = "/api/v1/documents/" + digest;
            return TypedResults.Accepted(url, new ReferenceStatus(digest.ToString(), "pending", http.User.Identity!.Name!, DateTimeOffset.FromUnixTimeMilliseconds(acceptedAt), url));
        });
        if (key is not null)
        {
            anchor.RequireAuthorization("anchor");
        }

        await app.RunAsync();
        return 0;
    }
}

/// <summary>The body bench/wrk/anchor.lua posts.</summary>
internal sealed record ReferenceRequest(string? Digest);

/// <summary>The answer of the reference behind the pipeline: the fields of the node's answer to a new document.</summary>
internal sealed record ReferenceStatus(string Digest, string Status, string Department, DateTimeOffset AcceptedAt, string StatusUrl);

/// <summary>Source-generated JSON for the reference's request and answer.</summary>
[JsonSerializable(typeof(ReferenceRequest))]
[JsonSerializable(typeof(ReferenceStatus))]
internal sealed partial class ReferenceJson : JsonSerializerContext;
