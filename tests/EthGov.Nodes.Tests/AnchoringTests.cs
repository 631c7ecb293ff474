using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Application.ApiKeys;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>Each department anchors through its own node, which signs for that department and no other.</summary>
[Collection(NodeClusterCollection.Name)]
public sealed class AnchoringTests(NodeCluster cluster)
{
    [Theory]
    [InlineData("CIVIL")]
    [InlineData("HEALTH")]
    [InlineData("TRANSPORT")]
    public async Task AnchorSingle_OnEachDepartmentsNode_IsAnchoredAloneForThatDepartment(string code)
    {
        var receipt = await NodeDocuments.AnchorSingleAsync(cluster[code]);

        Assert.Equal(code, receipt.Issuer.Code);
        Assert.Equal(cluster[code].DepartmentId, receipt.Issuer.Id);
        Assert.Equal(cluster.Deployment.Registry, receipt.Registry, ignoreCase: true);
    }

    [Theory]
    [InlineData("CIVIL")]
    [InlineData("HEALTH")]
    [InlineData("TRANSPORT")]
    public async Task AnchorBatch_OnEachDepartmentsNode_IsAnchoredInOneMerkleBatchForThatDepartment(string code)
    {
        var receipts = await NodeDocuments.AnchorBatchAsync(cluster[code], 4);

        Assert.All(receipts, r => Assert.Equal(code, r.Issuer.Code));
        Assert.All(receipts, r => Assert.Equal(4u, r.Batch!.DocumentCount));
    }

    [Fact]
    public async Task Anchor_WithAnApiKeyOfADepartmentTheNodeDoesNotSignFor_Returns403AndSendsNothing()
    {
        var civil = cluster["CIVIL"];
        // An API key of HEALTH in CIVIL's data directory: the key is genuine, the node holds no HEALTH signer.
        var healthKey = (await ApiKeyTable.Create(civil.Settings.DataDirectory).CreateAsync("HEALTH", ApiKeyScopeNames.All)).Secret;
        using var client = civil.Client(healthKey);
        var digest = NodeDocuments.NewDigest();

        // The node picks up keys created while it runs within about a second.
        HttpResponseMessage response;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((response = await client.PostAsJsonAsync("/api/v1/documents", new { digest = digest.ToString() })).StatusCode == HttpStatusCode.Unauthorized
            && DateTime.UtcNow < deadline)
        {
            response.Dispose();
            await Task.Delay(250);
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.EndsWith("/forbidden", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Contains("EthGov:Signers:HEALTH", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var anyone = civil.Client();
        using var status = await anyone.GetAsync($"/api/v1/documents/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }
}
