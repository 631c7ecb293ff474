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
    /// <paramref name="holder"/> grants <paramref name="grantee"/> access to <paramref name="recordId"/> under a legal basis, until <paramref name="expiresAt"/> (default 30 days);
    /// returns the grant id.
    /// </summary>
    public static async Task<string> GrantAsync(ClusterNode holder, ClusterNode grantee, Digest recordId, object? terms = null, DateTimeOffset? expiresAt = null)
    {
        using var client = holder.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/grants", new
        {
            recordId = recordId.ToString(),
            granteeDepartment = grantee.Code,
            purpose = 7,
            expiresAt = expiresAt ?? DateTimeOffset.UtcNow.AddDays(30),
            legalBasis = NodeDocuments.NewDigest().ToString(),
            terms,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"grant: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("grantId").GetString()!;
    }

    /// <summary>
    /// Issues a JSON record of <paramref name="kind"/> on <paramref name="holder"/>'s node (kept there, anchored), bound to
    /// <paramref name="subject"/>'s address and findable by <paramref name="person"/> when given; returns its digest once anchored.
    /// </summary>
    public static async Task<Digest> IssueRecordAsync(ClusterNode holder, string kind = "birth-certificate", string? subject = null, string? person = null)
    {
        using var client = holder.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/records", new
        {
            kind,
            subject,
            person,
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

    /// <summary><paramref name="holder"/> grants <paramref name="grantee"/> every record of <paramref name="kind"/> it issues, under a legal basis; returns the grant id.</summary>
    public static async Task<string> KindGrantAsync(ClusterNode holder, ClusterNode grantee, string kind)
    {
        using var client = holder.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/grants/kinds", new
        {
            kind,
            granteeDepartment = grantee.Code,
            purpose = 9,
            expiresAt = DateTimeOffset.UtcNow.AddDays(30),
            legalBasis = NodeDocuments.NewDigest().ToString(),
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"kind grant: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("grantId").GetString()!;
    }

    /// <summary>The exchange <paramref name="id"/> as <paramref name="grantee"/>'s node shows it now.</summary>
    public static async Task<ExchangeResponse> GetAsync(ClusterNode grantee, long id)
    {
        using var client = grantee.DepartmentClient();
        return (await client.GetFromJsonAsync<ExchangeResponse>($"/api/v1/exchanges/{id}", NodeDocuments.Json))!;
    }

    /// <summary>
    /// Reads the exchange, mining nothing, until it waits in <paramref name="state"/> with a detail that starts with
    /// <paramref name="detailPrefix"/> (the holder's retryable answer, or why the node could not ask).
    /// </summary>
    public static async Task<ExchangeResponse> WaitWaitingAsync(ClusterNode grantee, long id, string state, string detailPrefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var exchange = await GetAsync(grantee, id);
            if (exchange.State == state && exchange.Detail?.StartsWith(detailPrefix, StringComparison.Ordinal) == true)
            {
                return exchange;
            }

            Assert.True(exchange.State is not ("verified" or "refused") && DateTime.UtcNow < deadline,
                $"exchange {id} is {exchange.State} ({exchange.Reason}: {exchange.Detail}), waited for {state} with \"{detailPrefix}...\"");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="grantee"/>'s node has acknowledged the release of exchange <paramref name="id"/> to the holder.</summary>
    public static async Task WaitReceiptSentAsync(ClusterNode grantee, long id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var exchange = await GetAsync(grantee, id);
            if (exchange.ReceiptSent)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"exchange {id}: the receipt was not acknowledged: {exchange.Detail}");
            await Task.Delay(200);
        }
    }

    /// <summary>Asks <paramref name="grantee"/>'s node for the record of <paramref name="grantId"/>; returns the exchange as first answered (202).</summary>
    public static Task<ExchangeResponse> RequestAsync(ClusterNode grantee, string grantId) => RequestAsync(grantee, new { grantId });

    /// <summary>Asks <paramref name="grantee"/>'s node for an exchange with <paramref name="body"/> (grantId, person, holderDepartment); returns it as first answered (202).</summary>
    public static async Task<ExchangeResponse> RequestAsync(ClusterNode grantee, object body)
    {
        using var client = grantee.DepartmentClient();
        using var response = await client.PostAsJsonAsync("/api/v1/exchanges", body);
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
