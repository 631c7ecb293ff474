using System.Net;
using System.Net.Http.Json;
using EthGov.Api.Tests.TestSupport;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Api.Tests.Page;

/// <summary>
/// A node prints the QR code of a document only from its own records: the department and the proof in the link are the
/// ones it anchored, never guessed.
/// </summary>
public sealed class QrCodeApiTests(DevChain chain) : IClassFixture<DevChain>
{
    [Fact]
    public async Task QrCode_DocumentAnchoredWithoutThisNode_IsNotOnRecord()
    {
        await using var host = await ApiHost.StartAsync(chain);
        var digest = Digest.Parse(TestDigests.New());
        (await chain.ClientFor(1).Documents.AnchorAsync(digest)).Unwrap();
        using var client = host.CreateClient();

        using var response = await client.GetAsync($"/api/v1/documents/{digest}/qr");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound, "document-not-found");
        Assert.Contains($"this node did not anchor {digest}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QrCode_DocumentStillInTheOutbox_IsNotYetAnchored()
    {
        // Batches are formed once an hour here, so the document stays in the outbox: its proof is not known yet.
        await using var host = await ApiHost.StartAsync(chain, new Dictionary<string, string?> { ["EthGov:Outbox:BatchInterval"] = "01:00:00" });
        var digest = TestDigests.New();
        using var civil = host.ClientWithKey(await host.CreateKeyAsync("CIVIL"));
        Assert.Equal(HttpStatusCode.Accepted, (await civil.PostAsJsonAsync("/api/v1/documents", new { digest })).StatusCode);

        using var response = await civil.GetAsync($"/api/v1/documents/{digest}/qr?format=svg");

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "not-yet-anchored");
    }
}
