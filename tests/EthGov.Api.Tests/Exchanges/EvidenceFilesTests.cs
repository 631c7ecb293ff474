using System.Security.Cryptography;
using EthGov.Api.Configuration;
using EthGov.Api.Exchanges;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using Microsoft.Extensions.Options;

namespace EthGov.Api.Tests.Exchanges;

/// <summary>The evidence folder on disk: what is written reads back whole, a replacement leaves no temporary file, and a folder removed while the node runs is made again.</summary>
public sealed class EvidenceFilesTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ethgov-evidence-").FullName;

    [Fact]
    public async Task AReplacement_ReadsBackWhole_AndLeavesNoTemporaryFile()
    {
        var files = Files();
        var first = Evidence();
        var erased = first with { Request = first.Request.WithoutBody() };

        await files.WriteAsync(first.Entry.RequestId, first, CancellationToken.None);
        await files.WriteAsync(first.Entry.RequestId, erased, CancellationToken.None);

        var back = EvidenceJson.Read(await files.ReadAsync(first.Entry.RequestId, CancellationToken.None));
        Assert.Null(back.Request.Body);
        Assert.Equal(first.Request.BodyDigest, back.Request.BodyDigest);
        Assert.Equal([$"{first.Entry.RequestId}.json"], Directory.EnumerateFiles(files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AFolderRemovedWhileTheNodeRuns_IsMadeAgainAtTheNextWrite()
    {
        var files = Files();
        var first = Evidence();
        await files.WriteAsync(first.Entry.RequestId, first, CancellationToken.None);
        Directory.Delete(files.Folder, recursive: true);

        var next = Evidence();
        await files.WriteAsync(next.Entry.RequestId, next, CancellationToken.None);

        Assert.Equal(next.Entry.Hash(), EvidenceJson.Read(await files.ReadAsync(next.Entry.RequestId, CancellationToken.None)).EntryHash);
        Assert.Null(await files.ReadAsync(first.Entry.RequestId, CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private EvidenceFiles Files() => new(Options.Create(new EthGovOptions { DataDirectory = _data }), Options.Create(new ExchangeOptions()));

    private static ExchangeEvidence Evidence()
    {
        var entry = new AccessEntry(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3", 7, Random(), 1, 2, Random(), Digest.Zero);
        var headers = new Dictionary<string, string> { ["signature"] = "sig=:AA==:" };
        return new ExchangeEvidence(
            entry, entry.Hash(), new EvidenceLog(Random(), [Random()], "0x" + new string('1', 64), 9),
            new EvidenceRequest("POST", "holder.test:8080", "/api/v1/node/releases", headers, RandomNumberGenerator.GetBytes(64)),
            new EvidenceResponse(200, headers, Random()), entry.RecordId, [entry.RecordId]);
    }

    private static Digest Random() => new(RandomNumberGenerator.GetBytes(32));
}
