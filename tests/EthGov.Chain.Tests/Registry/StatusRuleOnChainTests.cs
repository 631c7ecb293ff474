using System.Security.Cryptography;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Verification;
using EthGov.Testing;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Tests.Registry;

/// <summary>
/// EthGov.Core's status rule applied to the registry's raw records (what verification reads) against the registry's own
/// check and checkInBatch, at the same block, on many generated documents: single and batch leaves, revoked, superseded,
/// expiring, anchored by a key reported compromised before and after, of several departments, with wrong proofs.
/// </summary>
public sealed class StatusRuleOnChainTests(DevChain chain) : IClassFixture<DevChain>
{
    private static readonly Digest s_noRoot = Digest.Zero;

    [Fact]
    public async Task StatusFromRecords_AgreesWithTheContractsCheck_OnEveryGeneratedCase()
    {
        var random = new Random(14);
        var civil = chain.ClientFor(1);
        var transport = chain.ClientFor(3);
        var second = await chain.AddKeyAsync(signerDevAccount: 1, newDevAccount: 5);
        var cases = new List<Case>();

        // Two rounds of anchoring by both CIVIL keys, the second after the moment key 2 is later reported compromised.
        var round1 = await AnchorRoundAsync(random, civil, second, transport, cases);
        await chain.IncreaseTimeAsync(100);
        var since = await ChainTimeAsync();
        await chain.IncreaseTimeAsync(100);
        var round2 = await AnchorRoundAsync(random, civil, second, transport, cases);
        await ActOnAsync(random, civil, transport, cases);
        (await civil.Departments.ReportCompromisedKeyAsync(second.Context.SignerAddress!, since)).Unwrap();
        // Expiring documents run out; long ones stay valid.
        await chain.IncreaseTimeAsync(1_000);
        Assert.True(round1 > 0 && round2 > 0);

        var latest = (await chain.Reader().Context.LatestBlockAsync()).Unwrap();
        var block = new BlockParameter(new HexBigInteger(latest.Number));
        var statuses = new List<DocumentStatus>();
        foreach (var c in cases)
        {
            var ours = c.Root.IsZero
                ? await chain.Reader().Documents.CheckAsync(c.DepartmentId, c.Digest)
                : await chain.Reader().Documents.CheckInBatchAsync(c.DepartmentId, c.Root, c.Digest, c.Proof);
            var facts = ours.Unwrap();
            Assert.Equal(latest.Number, facts.ReadAtBlock);
            var contract = c.Root.IsZero
                ? await QueryAsync(new CheckFunction { DepartmentId = c.DepartmentId, Digest = c.Digest.ToArray() }, block)
                : await QueryAsync(new CheckInBatchFunction { DepartmentId = c.DepartmentId, Root = c.Root.ToArray(), Digest = c.Digest.ToArray(), Proof = [.. c.Proof.Select(p => p.ToArray())] }, block);

            Assert.True((DocumentStatus)contract.Status == facts.Status, $"{c.Name}: the contract says {(DocumentStatus)contract.Status}, the rule {facts.Status}");
            if (facts.Status != DocumentStatus.Unknown)
            {
                Assert.Equal(Fields(contract), Fields(facts));
            }

            statuses.Add(facts.Status);
        }

        // Every status occurs, so the comparison covered each branch of the rule.
        Assert.Equal(Enum.GetValues<DocumentStatus>().Order(), statuses.Distinct().Order());
        Assert.Contains(cases.Zip(statuses), p => p.First.Name.Contains("by key 2", StringComparison.Ordinal) && p.Second == DocumentStatus.Valid);
    }

    // Anchors singles and a batch with each CIVIL key and a TRANSPORT batch, each document expiring soon, later or never.
    private async Task<int> AnchorRoundAsync(Random random, RegistryClient civil, RegistryClient second, RegistryClient transport, List<Case> cases)
    {
        int before = cases.Count;
        var now = DateTimeOffset.FromUnixTimeSeconds((long)(await ChainTimeAsync()).ToUnixTimeSeconds());
        foreach (var (client, key) in new[] { (civil, 1), (second, 2) })
        {
            for (int i = 0; i < 6; i++)
            {
                var digest = NewDigest();
                var validUntil = ValidUntil(random, now);
                (await client.Documents.AnchorAsync(digest, validUntil)).Unwrap();
                cases.Add(new Case($"single {digest} by key {key}", 1, s_noRoot, digest, []));
            }

            var tree = MerkleTree.Build([.. Enumerable.Range(0, 8).Select(_ => NewDigest())]);
            (await client.Documents.AnchorBatchAsync(tree.Root, tree.Count, ValidUntil(random, now))).Unwrap();
            for (int i = 0; i < tree.Count; i++)
            {
                cases.Add(new Case($"leaf {i} of {tree.Root} by key {key}", 1, tree.Root, tree.Values[i], tree.GetProof(i)));
            }
        }

        var foreign = MerkleTree.Build([.. Enumerable.Range(0, 4).Select(_ => NewDigest())]);
        (await transport.Documents.AnchorBatchAsync(foreign.Root, foreign.Count)).Unwrap();
        cases.Add(new Case("TRANSPORT leaf", 3, foreign.Root, foreign.Values[0], foreign.GetProof(0)));
        cases.Add(new Case("TRANSPORT leaf asked of CIVIL", 1, foreign.Root, foreign.Values[0], foreign.GetProof(0)));
        cases.Add(new Case("wrong proof", 3, foreign.Root, foreign.Values[1], foreign.GetProof(2)));
        return cases.Count - before;
    }

    // Revokes and supersedes some of the anchored documents, singly and inside batches.
    private static async Task ActOnAsync(Random random, RegistryClient civil, RegistryClient transport, List<Case> cases)
    {
        foreach (var c in cases.ToList())
        {
            var client = c.DepartmentId == 3 ? transport : civil;
            if (c.Name.Contains("asked of", StringComparison.Ordinal) || c.Name == "wrong proof")
            {
                continue;
            }

            var roll = random.NextDouble();
            if (roll < 0.25)
            {
                (await (c.Root.IsZero
                    ? client.Documents.RevokeAsync(c.Digest, (ushort)random.Next(1, 100))
                    : client.Documents.RevokeInBatchAsync(c.Root, c.Digest, c.Proof, (ushort)random.Next(1, 100)))).Unwrap();
            }
            else if (roll < 0.45)
            {
                var successor = NewDigest();
                (await (c.Root.IsZero
                    ? client.Documents.SupersedeAsync(c.Digest, successor)
                    : client.Documents.SupersedeInBatchAsync(c.Root, c.Digest, c.Proof, successor))).Unwrap();
                cases.Add(new Case($"successor of {c.Name}", c.DepartmentId, s_noRoot, successor, []));
            }
        }
    }

    private static DateTimeOffset? ValidUntil(Random random, DateTimeOffset now) => random.Next(3) switch
    {
        0 => null,
        1 => now.AddSeconds(500),
        _ => now.AddDays(30),
    };

    private async Task<DateTimeOffset> ChainTimeAsync() => (await chain.Reader().Context.LatestBlockAsync()).Unwrap().Time;

    private async Task<DocumentViewTuple> QueryAsync<TMessage>(TMessage message, BlockParameter block)
        where TMessage : Nethereum.Contracts.FunctionMessage, new()
        => (await new Nethereum.Web3.Web3(chain.Options.RpcUrl.ToString()).Eth.GetContractQueryHandler<TMessage>()
            .QueryDeserializingToObjectAsync<DocumentViewOutput>(message, chain.Deployment.Registry, block)).View;

    private static string Fields(DocumentViewTuple v)
        => $"{v.DepartmentId} {v.DepartmentStatus} {v.AnchoredAt} {v.AnchoredBlock} {v.ValidUntil} {v.RevocationReason} {new Digest(v.Successor)} {v.KeyId} {v.KeyCompromisedSince}";

    private static string Fields(ChainFacts f)
        => $"{f.DepartmentId} {(byte)f.DepartmentStatus} {f.AnchoredAt?.ToUnixTimeSeconds() ?? 0} {f.AnchoredBlock} {f.ValidUntil?.ToUnixTimeSeconds() ?? 0} {f.RevocationReason} {f.Successor} {f.KeyId} {f.KeyCompromisedSince?.ToUnixTimeSeconds() ?? 0}";

    private static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    private sealed record Case(string Name, uint DepartmentId, Digest Root, Digest Digest, IReadOnlyList<Digest> Proof);
}
