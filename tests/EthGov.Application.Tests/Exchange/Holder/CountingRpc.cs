using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EthGov.Application.Tests.Exchange.Holder;

/// <summary>A JSON-RPC forwarder on loopback that counts the calls it passes to the node, by method.</summary>
internal sealed class CountingRpc : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client = new();
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    private CountingRpc(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First());

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    public static async Task<CountingRpc> StartAsync(Uri node)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{EthGov.Testing.FreePort.Next()}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new CountingRpc(app);
        app.MapPost("/", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            using (var json = JsonDocument.Parse(body))
            {
                var calls = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
                foreach (var call in calls)
                {
                    proxy._calls.AddOrUpdate(call.GetProperty("method").GetString()!, 1, (_, n) => n + 1);
                }
            }

            using var forwarded = await proxy._client.PostAsync(node, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(await forwarded.Content.ReadAsStringAsync());
        });
        await app.StartAsync();
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
