using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Api.Verification;
using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;
using EthGov.Testing;

namespace EthGov.Api.Tests.Outbox;

/// <summary>
/// The batcher and the department namespaces of registry 2.0: a digest the department's own CLI anchored first is
/// adopted, never given up; another department's anchoring of the same digest is none of the department's business.
/// </summary>
public sealed class AnchorRecoveryTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task AnchorDigest_AnchoredFirstByTheDepartmentsCli_EndsAnchoredWithTheChainsReceipt()
    {
        // The CLI holds another CIVIL key (dev:7), so its transactions never race the API's nonces. Adding it is signed
        // with CIVIL's key, which the API sends with: done before an API of its own starts on the chain, or the API's
        // sender would stop, seeing another process send with its key.
        var chain = new DevChain();
        await chain.InitializeAsync();
        try
        {
            var cli = await chain.AddKeyAsync(signerDevAccount: 1, newDevAccount: 7);
            await using var host = await ApiHost.StartAsync(chain);
            var civilKey = await host.CreateKeyAsync("CIVIL");
            var digest = Digest.Parse(TestDigests.New());
            // HEALTH anchored the same digest even earlier: its log comes first, and must not be taken for CIVIL's.
            (await chain.ClientFor(2).Documents.AnchorAsync(digest)).Unwrap();
            var anchored = (await cli.Documents.AnchorAsync(digest)).Unwrap();

            // The API is asked for a validity the CLI's anchoring does not have: the receipt must state the chain's.
            using var accepted = await host.ClientWithKey(civilKey).PostAsJsonAsync(
                "/api/v1/documents", new { digest = digest.ToString(), validUntil = DateTimeOffset.UtcNow.AddDays(400) });
            accepted.EnsureSuccessStatusCode();
            var status = await host.WaitAnchoredAsync(digest.ToString());

            var receipt = status.Receipt!;
            Assert.Equal(anchored.TransactionHash, receipt.TransactionHash.ToString());
            Assert.Equal(anchored.BlockNumber, receipt.BlockNumber);
            Assert.Equal(1u, receipt.Issuer.Id);
            Assert.Null(receipt.ValidUntil);
            var verdict = await VerifyAsync(host, receipt);
            Assert.Equal(VerdictOutcome.Valid, verdict.Outcome);
        }
        finally
        {
            await chain.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnchorDigest_AnchoredFirstByAnotherDepartment_IsAnchoredByCivilItself()
    {
        var digest = Digest.Parse(TestDigests.New());
        var transport = fixture.Chain.ClientFor(3).Documents;
        var theirs = (await transport.AnchorAsync(digest)).Unwrap();
        (await transport.RevokeAsync(digest, 2)).Unwrap();

        (await fixture.Host.ClientWithKey(fixture.CivilKey).PostAsJsonAsync("/api/v1/documents", new { digest = digest.ToString() })).EnsureSuccessStatusCode();
        var status = await fixture.Host.WaitAnchoredAsync(digest.ToString());

        Assert.NotEqual(theirs.TransactionHash, status.Receipt!.TransactionHash.ToString());
        Assert.Equal(VerdictOutcome.Valid, (await VerifyAsync(fixture.Host, status.Receipt)).Outcome);
    }

    private static async Task<VerifyResponse> VerifyAsync(ApiHost host, Receipt receipt)
    {
        using var response = await host.CreateClient().PostAsJsonAsync("/api/v1/verify",
            new { receipt = JsonSerializer.Deserialize<JsonElement>(ReceiptWriter.ToJson(receipt)) });
        return (await response.Content.ReadFromJsonAsync<VerifyResponse>(TestJson.Options))!;
    }
}
