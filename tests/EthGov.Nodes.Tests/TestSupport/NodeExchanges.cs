using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EthGov.Api.Exchanges;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Nodes.Tests.TestSupport;

/// <summary>Grants and exchanges through the nodes' APIs, as staff of the departments use them.</summary>
public static class NodeExchanges
{
    /// <summary>
    /// <paramref name="holder"/> grants <paramref name="grantee"/> access to <paramref name="recordId"/> under a legal basis;
    /// returns the grant id.
    /// </summary>
    public static async Task<string> GrantAsync(ClusterNode holder, ClusterNode grantee, Digest recordId, object? terms = null)
    {
        using var client = holder.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId = recordId.ToString(),
            granteeDepartment = grantee.Code,
            purpose = 7,
            expiresAt = DateTimeOffset.UtcNow.AddDays(30),
            legalBasis = NodeDocuments.NewDigest().ToString(),
            terms,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"grant: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("grantId").GetString()!;
    }

    /// <summary>Issues a JSON record on <paramref name="holder"/>'s node (kept there, anchored); returns its digest once anchored.</summary>
    public static async Task<Digest> IssueRecordAsync(ClusterNode holder)
    {
        using var client = holder.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/records", new
        {
            kind = "birth-certificate",
            data = new { name = "A. Citizen", born = "2001-02-03", place = Convert.ToHexString(NodeDocuments.NewDigest().ToArray()) },
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"record: {(int)response.StatusCode} {text}");
        var digest = Digest.Parse(JsonDocument.Parse(text).RootElement.GetProperty("digest").GetString()!);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/documents/{digest}")).RootElement.GetProperty("status").GetString();
            if (status == "anchored")
            {
                return digest;
            }

            Assert.True(DateTime.UtcNow < deadline, $"record {digest} still {status}");
            await Task.Delay(200);
        }
    }

    /// <summary>Asks <paramref name="grantee"/>'s node for the record of <paramref name="grantId"/>; returns the exchange as first answered (202).</summary>
    public static async Task<ExchangeResponse> RequestAsync(ClusterNode grantee, string grantId)
    {
        using var client = grantee.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/exchanges", new { grantId });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"exchange: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<ExchangeResponse>(text, NodeDocuments.Json)!;
    }

    /// <summary>Reads the exchange until it is verified or refused, mining a block each round (the holder waits for a confirmation).</summary>
    public static async Task<ExchangeResponse> WaitFinalAsync(NodeCluster cluster, ClusterNode grantee, long id, TimeSpan timeout)
    {
        using var client = grantee.DepartmentClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var exchange = (await client.GetFromJsonAsync<ExchangeResponse>($"/api/v1/exchanges/{id}", NodeDocuments.Json))!;
            if (exchange.State is "verified" or "refused")
            {
                return exchange;
            }

            Assert.True(DateTime.UtcNow < deadline, $"exchange {id} still {exchange.State} after {timeout.TotalSeconds:N0} s: {exchange.Detail}");
            await cluster.Chain.CallAsync("evm_mine");
            await Task.Delay(250);
        }
    }
}
