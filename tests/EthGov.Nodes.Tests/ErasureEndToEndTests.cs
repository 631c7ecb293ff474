using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Nodes.Tests.TestSupport;
using EthGov.Testing;

namespace EthGov.Nodes.Tests;

/// <summary>
/// Erasure reaches the grantee's copy between two real department nodes: once the holder erases a record it released,
/// its node tells the grantee's node over the signed node-to-node route, and the grantee's node erases its copy and the
/// evidence file's content, keeping digests; both timelines show it.
/// </summary>
[Collection(NodeClusterCollection.Name)]
public sealed class ErasureEndToEndTests(NodeCluster cluster)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task HolderErasesARecordItReleased_TheGranteesCopyAndEvidenceArePurged_AndBothTimelinesShowIt()
    {
        var holder = cluster["CIVIL"];
        var grantee = cluster["HEALTH"];
        var record = await NodeExchanges.IssueRecordAsync(holder);
        var grantId = await NodeExchanges.GrantAsync(holder, grantee, record, new { use = "store", retentionDays = 30 });
        var created = await NodeExchanges.RequestAsync(grantee, grantId);
        var final = await NodeExchanges.WaitFinalAsync(cluster, grantee, created.Id, s_timeout);
        Assert.True(final.State == "verified", $"{final.State}: {final.Reason} {final.Detail}");
        using var staff = grantee.DepartmentClient();
        Assert.Equal(record, new Digest(SHA256.HashData(await staff.GetByteArrayAsync($"/api/v1/exchanges/{created.Id}/content"))));

        using var holderStaff = holder.DepartmentClient();
        using (var erased = await holderStaff.DeleteAsync($"/api/v1/records/{record}/content"))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }

        var deadline = DateTime.UtcNow + s_timeout;
        while (true)
        {
            using var read = await staff.GetAsync($"/api/v1/exchanges/{created.Id}/content");
            if (read.StatusCode == HttpStatusCode.Gone)
            {
                Assert.Contains("content-gone", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the grantee still serves the content after the holder erased it ({(int)read.StatusCode})");
            await Task.Delay(250);
        }

        // The grantee erases the content, then rewrites the evidence file without it: the file follows a moment later.
        var evidencePath = Path.Combine(grantee.Settings.DataDirectory, "evidence", $"{created.RequestId}.json");
        var evidence = EvidenceJson.Read(await File.ReadAllBytesAsync(evidencePath));
        while (evidence.Erasure is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            evidence = EvidenceJson.Read(await File.ReadAllBytesAsync(evidencePath));
        }

        Assert.Equal("holder", evidence.Erasure?.Cause);
        Assert.Equal(record, evidence.ContentDigest);

        var granteeTimeline = JsonDocument.Parse(await staff.GetStringAsync($"/api/v1/records/{record}/timeline")).RootElement;
        var received = Assert.Single(granteeTimeline.GetProperty("erasures").EnumerateArray());
        Assert.Equal(holder.DepartmentId, received.GetProperty("holder").GetUInt32());
        Assert.Equal(created.RequestId.ToString(), Assert.Single(received.GetProperty("requestIds").EnumerateArray()).GetString());

        // The holder marks its notice done on the grantee's signed answer, which may come a moment after the erasure.
        while (true)
        {
            var timeline = JsonDocument.Parse(await holderStaff.GetStringAsync($"/api/v1/records/{record}/timeline")).RootElement;
            var notice = Assert.Single(timeline.GetProperty("erasures").EnumerateArray());
            Assert.Equal(grantee.DepartmentId, notice.GetProperty("grantee").GetUInt32());
            if (notice.GetProperty("state").GetString() == "erased")
            {
                Assert.NotEqual(JsonValueKind.Null, timeline.GetProperty("erasedAt").ValueKind);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the holder's notice is still {notice.GetProperty("state").GetString()}");
            await Task.Delay(250);
        }
    }
}
