using System.Security.Cryptography;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Records;
using EthGov.Core.Digests;
using Microsoft.Extensions.DependencyInjection;

namespace EthGov.Api.Tests.Records;

public sealed class RecordSweeperTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Sweeper_RunningInTheApi_ErasesContentPastItsRetentionAndKeepsTheRest()
    {
        await using var host = await ApiHost.StartAsync(fixture.Chain, new Dictionary<string, string?> { ["EthGov:Records:SweepInterval"] = "00:00:00.200" });
        var store = host.Services.GetRequiredService<RecordStore>();
        var expiring = Content("expiring") with { Origin = RecordOrigin.Received, ExchangeId = "exchange-1", RetainUntil = DateTimeOffset.UtcNow.AddSeconds(1) };
        var lasting = Content("lasting") with { Origin = RecordOrigin.Received, ExchangeId = "exchange-2", RetainUntil = DateTimeOffset.UtcNow.AddDays(1) };
        Assert.Equal(RecordPutOutcome.Stored, await store.PutAsync(expiring));
        Assert.Equal(RecordPutOutcome.Stored, await store.PutAsync(lasting));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await store.GetAsync(expiring.Digest))!.IsErased)
        {
            Assert.True(DateTime.UtcNow < deadline, "the sweeper did not erase the expired content within 10 s");
            await Task.Delay(100);
        }

        Assert.False((await store.GetAsync(lasting.Digest))!.IsErased);
    }

    private static RecordContent Content(string label)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes($"{label} {Guid.NewGuid():N}");
        return new RecordContent(new Digest(SHA256.HashData(bytes)), 1, "text/plain", bytes);
    }
}
