using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Auth;
using EthGov.Core.Links;
using EthGov.Core.Verification;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// Revocation of a department's document on a node that did not anchor it (item 5 of the issue): CIVIL runs a second
/// node with its officer key (its own data directory and outbox, the department's public address and node key). The
/// proof comes from the request (a receipt or a link's proof) or, without one, from the node CIVIL publishes on chain.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class SecondNodeOfADepartmentTests(NodeCluster cluster) : IAsyncLifetime
{
    private const string Department = "CIVIL";
    private ApiProcess _second = null!;
    private string _secondKey = null!;

    public async Task InitializeAsync()
    {
        var published = cluster[Department];
        var settings = new ApiSettings(cluster.Chain.RpcUrl, cluster.DeploymentFile);
        settings.Signers[Department] = $"dev:{NodeCluster.OfficerAccountOf(Department)}";
        settings.Settings["EthGov:NodeKey"] = published.NodeKey;
        settings.Settings["EthGov:PublicBaseUrl"] = published.PublicUrl;
        settings.Settings["EthGov:Nodes:AllowPrivateAddresses"] = "true";
        settings.Settings["Chain:MaxReadAge"] = "00:00:00";
        _secondKey = await settings.CreateKeyAsync(Department);
        _second = await ApiProcess.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _second.DisposeAsync();

    [Fact]
    public async Task Revoke_BatchMemberTheOtherNodeAnchored_WithoutProof_FetchesItFromThePublishedNode()
    {
        var receipts = await NodeDocuments.AnchorBatchAsync(cluster[Department], 4);

        using var response = await SecondNode().PostAsJsonAsync($"/api/v1/documents/{receipts[1].Digest}/revocation", new { reason = 6 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdict = await NodeDocuments.VerifyAsync(cluster["HEALTH"], receipts[1].Digest, Department);
        Assert.True(verdict.Outcome == VerdictOutcome.Revoked, NodeDocuments.Describe(verdict));
        var sibling = await NodeDocuments.VerifyAsync(cluster["HEALTH"], receipts[2].Digest, Department);
        Assert.True(sibling.Outcome == VerdictOutcome.Valid, NodeDocuments.Describe(sibling));
    }

    [Fact]
    public async Task Revoke_BatchMemberAnotherNodeAnchored_WithItsReceiptOrItsLinksProof_IsRevoked()
    {
        var digests = Enumerable.Range(0, 4).Select(_ => NodeDocuments.NewDigest().ToString()).ToArray();
        (await SecondNode().PostAsJsonAsync("/api/v1/documents/batch", new { digests })).EnsureSuccessStatusCode();
        var receipt = JsonDocument.Parse(await WaitReceiptAsync(digests[0])).RootElement;
        var proofs = new List<string>();
        foreach (var digest in digests[..2])
        {
            proofs.Add(ProofCode.Encode(JsonDocument.Parse(await WaitReceiptAsync(digest)).RootElement.GetProperty("batch").GetProperty("proof")
                .EnumerateArray().Select(p => EthGov.Core.Digests.Digest.Parse(p.GetString()!)).ToList()));
        }

        using var publishedNode = cluster[Department].DepartmentClient();

        using var byReceipt = await publishedNode.PostAsJsonAsync($"/api/v1/documents/{digests[0]}/revocation", new { reason = 2, receipt });
        using var byProof = await publishedNode.PostAsJsonAsync($"/api/v1/documents/{digests[1]}/revocation", new { reason = 2, proof = proofs[1] });

        Assert.Equal(HttpStatusCode.OK, byReceipt.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byProof.StatusCode);
        // The node CIVIL publishes did not batch these, so other nodes verify them with the proof their links carry.
        using var transport = cluster["TRANSPORT"].Client();
        for (var i = 0; i < 2; i++)
        {
            var verdict = (await transport.GetFromJsonAsync<EthGov.Api.Verification.VerifyResponse>(
                $"/api/v1/verify/{digests[i]}?department={Department}&proof={proofs[i]}", NodeDocuments.Json))!;
            Assert.True(verdict.Outcome == VerdictOutcome.Revoked, NodeDocuments.Describe(verdict));
        }
    }

    [Fact]
    public async Task Revoke_WithTheReceiptOfAnotherDocument_Returns400AndRevokesNothing()
    {
        var receipts = await NodeDocuments.AnchorBatchAsync(cluster[Department], 2);
        var other = JsonDocument.Parse(await NodeDocuments.ReceiptJsonAsync(cluster[Department], receipts[0].Digest)).RootElement;

        using var response = await SecondNode().PostAsJsonAsync($"/api/v1/documents/{receipts[1].Digest}/revocation", new { reason = 2, receipt = other });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("receipt of another document", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var verdict = await NodeDocuments.VerifyAsync(cluster["HEALTH"], receipts[1].Digest, Department);
        Assert.True(verdict.Outcome == VerdictOutcome.Valid, NodeDocuments.Describe(verdict));
    }

    private HttpClient SecondNode()
    {
        var client = new HttpClient { BaseAddress = _second.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, _secondKey);
        return client;
    }

    private async Task<string> WaitReceiptAsync(string digest)
    {
        using var client = SecondNode();
        for (var i = 0; i < 300; i++)
        {
            using var response = await client.GetAsync($"/api/v1/documents/{digest}/receipt");
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{digest} was not anchored by the second node within 30 s");
    }
}
