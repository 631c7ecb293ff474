using System.Security.Cryptography;
using EthGov.Chain.Abi;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Verification;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Registry;

public class RegistryClientTests(DevChain chain) : IClassFixture<DevChain>
{
    private static Digest NewDigest() => new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task ListAsync_AfterDeployment_ReturnsTheInitialDepartmentsActive()
    {
        var departments = (await chain.Reader().Departments.ListAsync()).Unwrap();

        var initial = departments.Take(3).ToList();
        Assert.Equal(["CIVIL", "HEALTH", "TRANSPORT"], initial.Select(d => d.Code));
        Assert.All(initial, d => Assert.Equal(DepartmentStatus.Active, d.Status));
        Assert.Equal(DevChain.Departments[0].Signer, departments[0].Signers.Single(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnchorAsync_NewDigest_ConfirmsWithinTheGasBudget()
    {
        var outcome = (await chain.ClientFor(1).Documents.AnchorAsync(NewDigest())).Unwrap();

        Assert.StartsWith("0x", outcome.TransactionHash, StringComparison.Ordinal);
        // Registry 2.0's budget for anchor (docs/gas.md).
        Assert.InRange(outcome.GasUsed, 21_000UL, 49_000UL);
    }

    [Fact]
    public async Task AnchorAsync_SameDigestTwice_FailsWithDecodedAlreadyAnchored()
    {
        var digest = NewDigest();
        var civil = chain.ClientFor(1);
        (await civil.Documents.AnchorAsync(digest)).Unwrap();

        var second = await civil.Documents.AnchorAsync(digest);

        Assert.False(second.IsSuccess);
        Assert.Equal(ChainErrorKind.Reverted, second.Error.Kind);
        Assert.Equal("AlreadyAnchored", second.Error.Name);
        Assert.Equal(digest.ToString(), second.Error.Arguments["digest"]);
    }

    [Fact]
    public async Task AnchorAsync_ByAnAccountThatIsNoSigner_FailsWithNotActiveSigner()
    {
        var outsider = chain.ClientFor(7);

        var result = await outsider.Documents.AnchorAsync(NewDigest());

        Assert.Equal("NotActiveSigner", result.Error?.Name);
    }

    [Fact]
    public async Task SendAsync_ManyInOrder_AssignsNoncesWithoutGaps()
    {
        var civil = chain.ClientFor(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => civil.Documents.AnchorBatchAsync(NewDigest(), 1024)));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.ToString()));
    }

    [Fact]
    public async Task Checks_AskedTogether_AnswerAsEachAskedAlone()
    {
        var civil = chain.ClientFor(1);
        var tree = MerkleTree.Build([.. Enumerable.Range(0, 64).Select(_ => NewDigest())]);
        (await civil.Documents.AnchorBatchAsync(tree.Root, tree.Count)).Unwrap();
        (await civil.Documents.RevokeInBatchAsync(tree.Root, tree.Values[9], tree.GetProof(9), 4)).Unwrap();
        var (single, revoked) = (NewDigest(), NewDigest());
        (await civil.Documents.AnchorAsync(single)).Unwrap();
        (await civil.Documents.AnchorAsync(revoked)).Unwrap();
        (await civil.Documents.RevokeAsync(revoked, 7)).Unwrap();

        List<Func<RegistryClient, Task<ChainResult<ChainFacts>>>> questions =
        [
            .. Enumerable.Range(0, 64).Select(i => (Func<RegistryClient, Task<ChainResult<ChainFacts>>>)(c => c.Documents.CheckInBatchAsync(1, tree.Root, tree.Values[i], tree.GetProof(i)))),
            c => c.Documents.CheckInBatchAsync(1, tree.Root, tree.Values[1], tree.GetProof(2)),
            c => c.Documents.CheckInBatchAsync(1, NewDigest(), tree.Values[1], tree.GetProof(1)),
            c => c.Documents.CheckInBatchAsync(1, Digest.Zero, single, []),
            c => c.Documents.CheckAsync(1, single),
            c => c.Documents.CheckAsync(1, revoked),
            c => c.Documents.CheckAsync(1, NewDigest()),
        ];

        var alone = new List<ChainFacts>();
        foreach (var question in questions)
        {
            alone.Add((await question(civil)).Unwrap());
        }

        var together = await Task.WhenAll(questions.Select(q => q(civil)));

        Assert.Equal(alone.Select(Summary), together.Select(r => Summary(r.Unwrap())));
        Assert.Equal(DocumentStatus.Revoked, alone[9].Status);
        Assert.Equal((ushort)4, alone[9].RevocationReason);
        Assert.Equal(63, alone.Take(64).Count(f => f.Status == DocumentStatus.Valid));
        // A wrong proof, an unknown root and the zero root (even for an anchored single digest) are Unknown, as on chain.
        Assert.Equal([DocumentStatus.Unknown, DocumentStatus.Unknown, DocumentStatus.Unknown, DocumentStatus.Valid, DocumentStatus.Revoked, DocumentStatus.Unknown], alone.Skip(64).Select(f => f.Status));
        Assert.Equal("CIVIL", alone[0].DepartmentCode);

        static string Summary(ChainFacts f) => $"{f.Status} {f.DepartmentId} {f.DepartmentCode} {f.AnchoredBlock} {f.ValidUntil} {f.RevocationReason} {f.Successor}";
    }

    [Fact]
    public async Task AnchorBySig_SignedByDepartmentSubmittedByRelayer_IsAttributedToTheDepartment()
    {
        var digest = NewDigest();
        var relayer = chain.ClientFor(8);
        var signer = DevAccounts.Get(2, 31337);
        var nonce = (await relayer.Documents.NonceAsync(signer.Address)).Unwrap();
        var deadline = DateTimeOffset.UtcNow.AddHours(1);
        var signature = new TypedDataSigner(31337, chain.Deployment.Registry).Sign(
            new AnchorTyped { Digest = digest.ToArray(), ValidUntil = 0, Nonce = nonce, Deadline = deadline.ToUnixTimeSeconds() },
            DevAccounts.PrivateKey(2));
        AnchorBySigFunction Anchor() => new() { Digest = digest.ToArray(), Signer = signer.Address, Deadline = deadline.ToUnixTimeSeconds(), Signature = signature };

        (await relayer.Context.SendAsync(Anchor(), CancellationToken.None)).Unwrap();
        var replay = await relayer.Context.SendAsync(Anchor(), CancellationToken.None);

        var facts = (await relayer.Documents.CheckAsync(2, digest)).Unwrap();
        Assert.Equal((DocumentStatus.Valid, 2u), (facts.Status, facts.DepartmentId));
        Assert.Equal("InvalidSignature", replay.Error?.Name);
    }

    [Fact]
    public async Task ProposeAddAsync_ApprovedByASecondDepartment_AddsTheDepartment()
    {
        var newSigner = DevAccounts.Get(9, 31337).Address;
        var proposalId = (await chain.ClientFor(1).Departments.ProposeAddAsync("TAX", "Tax Office", newSigner)).Unwrap();

        (await chain.ClientFor(3).Departments.ApproveAsync(proposalId)).Unwrap();

        var id = (await chain.Reader().Departments.IdByCodeAsync("TAX")).Unwrap();
        var department = (await chain.Reader().Departments.GetAsync(id)).Unwrap();
        Assert.Equal(DepartmentStatus.Active, department.Status);
        Assert.True((await chain.Reader().Departments.ProposalAsync(proposalId)).Unwrap().Executed);
    }

    [Fact]
    public async Task GrantAsync_ThenLogAccessByGrantee_IsRecordedAndStrangersAreRefused()
    {
        var record = NewDigest();
        (await chain.ClientFor(1).Documents.AnchorAsync(record)).Unwrap();
        var (_, grantId) = (await chain.ClientFor(1).Grants.GrantAsync(record, Digest.Zero, [], 2, 7, DateTimeOffset.UtcNow.AddDays(1), NewDigest(), GrantTerms.Default)).Unwrap();

        var logged = await chain.ClientFor(2).Grants.LogAccessAsync(grantId);
        var stranger = await chain.ClientFor(3).Grants.LogAccessAsync(grantId);

        Assert.True(logged.IsSuccess, logged.Error?.ToString());
        Assert.InRange(logged.Value!.GasUsed, 21_000UL, 32_000UL);
        Assert.Equal("NotGrantee", stranger.Error?.Name);
        var grant = (await chain.Reader().Grants.GetAsync(grantId)).Unwrap();
        Assert.Equal(record, grant.RecordId);
        Assert.True(grant.Valid);
    }
}
