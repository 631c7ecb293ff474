using EthGov.Chain.Bindings;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Registry;

/// <summary>The reads behind `keys list`, `keys pending` and the proposals' standing, and the limits the C# side checks early.</summary>
public sealed class KeyAndGovernanceReadsTests(DevChain chain) : IClassFixture<DevChain>
{
    [Fact]
    public async Task ListAsync_TellsCurrentRemovedAndCompromisedKeys_ByKeyIdNotByAddress()
    {
        // TRANSPORT (dev:3) gains dev:8 and dev:9, reports dev:9, removes dev:8, then takes dev:8 back under a new key id.
        var transport = chain.ClientFor(3);
        await chain.AddKeyAsync(signerDevAccount: 3, newDevAccount: 8);
        await chain.AddKeyAsync(signerDevAccount: 3, newDevAccount: 9);
        var since = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        (await transport.Departments.ReportCompromisedKeyAsync(DevAccounts.Get(9, 31337).Address, since)).Unwrap();
        var (_, removal) = (await transport.Departments.RequestRemoveSignerAsync(DevAccounts.Get(8, 31337).Address)).Unwrap();
        await chain.IncreaseTimeAsync(DevChain.SignerChangeDelay);
        (await transport.Departments.ApplySignerChangeAsync(removal)).Unwrap();
        await chain.AddKeyAsync(signerDevAccount: 3, newDevAccount: 8);

        var keys = (await chain.Reader().Keys.ListAsync(3)).Unwrap();

        string Address(int devAccount) => DevAccounts.Get(devAccount, 31337).Address.ToLowerInvariant();
        Assert.Equal(
            [
                (1, Address(3), KeyState.Current, (DateTimeOffset?)null),
                (2, Address(8), KeyState.Removed, null),
                (3, Address(9), KeyState.Compromised, since),
                (4, Address(8), KeyState.Current, null),
            ],
            keys.Select(k => ((int)k.KeyId, k.Address.ToLowerInvariant(), k.State, k.CompromisedSince)));
        var standing = (await chain.Reader().Keys.OfAsync(DevAccounts.Get(9, 31337).Address)).Unwrap();
        Assert.Equal((3u, (ushort)3, false, (DateTimeOffset?)since), (standing.DepartmentId, standing.KeyId, standing.Active, standing.CompromisedSince));
    }

    [Fact]
    public async Task ScanAsync_PagesThePendingChangesOfADepartment_NewestFirst()
    {
        var health = chain.ClientFor(2);
        await chain.AddKeyAsync(signerDevAccount: 2, newDevAccount: 7);
        var (_, first) = (await health.Departments.RequestRemoveSignerAsync(DevAccounts.Get(7, 31337).Address)).Unwrap();
        var (_, second) = (await health.Departments.RequestRemoveSignerAsync(DevAccounts.Get(2, 31337).Address)).Unwrap();

        bool Pending(SignerChangeInfo c) => c.DepartmentId == 2 && c.Status == SignerChangeStatus.Pending;
        var (page1, next) = (await chain.Reader().SignerChanges.ScanAsync(Pending, null, 1)).Unwrap();
        var (page2, _) = (await chain.Reader().SignerChanges.ScanAsync(Pending, next, 1)).Unwrap();

        Assert.Equal([second], page1.Select(c => c.Id));
        Assert.Equal([first], page2.Select(c => c.Id));
        Assert.Equal(SignerChangeKind.RemoveSigner, page1[0].Kind);
        Assert.Equal(page1[0].RequestedAt.AddSeconds(DevChain.SignerChangeDelay), page1[0].ExecutableAt);
    }

    [Fact]
    public async Task StandingAsync_ANewProposal_HasOneLiveApprovalOfAQuorumOfTwo()
    {
        var id = (await chain.ClientFor(1).Departments.ProposeThresholdAsync(1)).Unwrap();

        var standing = (await chain.Reader().Governance.StandingAsync(id)).Unwrap();

        Assert.Equal((1u, 2u, false), (standing.LiveApprovals, standing.Quorum, standing.QuorumReached));
    }

    [Fact]
    public async Task Limits_CheckedBeforeSending_AreTheRegistrys()
    {
        var web3 = new Nethereum.Web3.Web3(chain.Node.RpcUrl.ToString());
        var lifetime = await web3.Eth.GetContractQueryHandler<MaxGrantLifetimeFunction>().QueryAsync<ulong>(chain.Deployment.Registry, new MaxGrantLifetimeFunction());
        var maxSigners = await web3.Eth.GetContractQueryHandler<MaxSignersFunction>().QueryAsync<int>(chain.Deployment.Registry, new MaxSignersFunction());
        var latest = await chain.Node.CallAsync("eth_getBlockByNumber", "latest", false);
        var now = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(latest.GetProperty("timestamp").GetString(), 16));

        // A minute of margin each way: the next block's time is a little later than the latest.
        var tooLate = await chain.ClientFor(2).Departments.ProposeThresholdAsync(1, now + ProposalDeadline.MaxLifetime + TimeSpan.FromMinutes(1));
        var inTime = await chain.ClientFor(2).Departments.ProposeThresholdAsync(1, now + ProposalDeadline.MaxLifetime - TimeSpan.FromMinutes(1));

        Assert.Equal((ulong)GrantLifetime.Max.TotalSeconds, lifetime);
        Assert.Equal(8, maxSigners);
        Assert.Equal("InvalidDeadline", tooLate.Error?.Name);
        Assert.True(inTime.IsSuccess, inTime.Error?.ToString());
    }

    [Theory]
    [InlineData(-1, "has passed")]
    [InlineData(31, "more than 30 days ahead")]
    [InlineData(29, null)]
    public void ProposalDeadline_OutsideTheWindow_IsNamed(int days, string? problem)
    {
        var now = DateTimeOffset.UtcNow;

        var found = ProposalDeadline.Problem(now.AddDays(days), now);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(-1, "has passed")]
    [InlineData(367, "more than 366 days ahead")]
    [InlineData(366, null)]
    public void GrantLifetime_OutsideTheWindow_IsNamed(int days, string? problem)
    {
        var now = DateTimeOffset.UtcNow;

        var found = GrantLifetime.Problem(now.AddDays(days), now);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }
}
