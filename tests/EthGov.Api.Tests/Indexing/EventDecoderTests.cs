using System.Security.Cryptography;
using EthGov.Api.Indexing;
using EthGov.Chain.Bindings;
using EthGov.Chain.Blocks;
using EthGov.Chain.Deployments;
using EthGov.Chain.Events;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Testing;

namespace EthGov.Api.Tests.Indexing;

/// <summary>The indexer's decoding of registry 2.x's key, node directory, grant and legacy events, from the logs of a real node.</summary>
public sealed class EventDecoderTests
{
    [Fact]
    public async Task Decode_GrantsWithTermsAKindGrantAndAnAccessBatch_KeepsTermsBasisAndBatch()
    {
        await using var node = await HardhatNode.StartAsync();
        var options = new ChainOptions { RpcUrl = node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };
        var deployment = (await RegistryDeployer.DeployAsync(options, DevAccounts.Get(0, 31337), DevChain.Departments, 2, DevChain.SignerChangeDelay)).Unwrap();
        var civil = new RegistryClient(options, deployment.Registry, DevAccounts.Get(1, 31337));
        var record = new Digest(RandomNumberGenerator.GetBytes(32));
        (await civil.Documents.AnchorAsync(record)).Unwrap();
        var terms = new GrantTerms(GrantUse.ViewOnce, 0, 2, GrantRevokers.Grantor | GrantRevokers.Grantee);
        var expiresAt = DateTimeOffset.UtcNow.AddDays(1);
        (await civil.Grants.GrantAsync(record, Digest.Zero, [], 2, 7, expiresAt, Digest.Zero, terms)).Unwrap();
        var kind = EthGov.Core.Records.RecordKind.Id("birth-certificate");
        (await civil.Grants.GrantKindAsync(kind, 3, 8, expiresAt, Digest.Zero, GrantTerms.Default)).Unwrap();
        var root = new Digest(RandomNumberGenerator.GetBytes(32));
        (await new RegistryClient(options, deployment.Registry, DevAccounts.Get(2, 31337)).Grants.LogAccessBatchAsync(root, 250)).Unwrap();

        var logs = await new RegistryLogReader(options).ReadAsync(deployment.Registry, 0, await new BlockReader(options).LatestNumberAsync());
        var decoded = logs.Select(l => EventDecoder.Decode(l, DateTimeOffset.UnixEpoch, _ => null)).OfType<IndexedEvent>().ToList();

        var granted = decoded.Where(e => e.Name == "AccessGranted").ToList();
        Assert.Equal([(record, "legal-basis"), (kind, "kind-legal-basis")], granted.Select(e => (e.RecordId!.Value, (string)e.Data["basis"]!)));
        Assert.Equal(("view-once", (ushort)0, (ushort)2), ((string)granted[0].Data["use"]!, (ushort)granted[0].Data["retentionDays"]!, (ushort)granted[0].Data["maxFetches"]!));
        Assert.Equal(["grantor", "grantee"], (IReadOnlyList<string>)granted[0].Data["revocableBy"]!);
        Assert.Equal(("store", (ushort)30, (ushort)10), ((string)granted[1].Data["use"]!, (ushort)granted[1].Data["retentionDays"]!, (ushort)granted[1].Data["maxFetches"]!));
        var batch = decoded.Single(e => e.Name == "AccessBatchLogged");
        Assert.Equal((2u, root.ToString(), 250u), (batch.Department!.Value, (string)batch.Data["root"]!, (uint)batch.Data["entries"]!));
    }

    [Fact]
    public async Task Decode_ALegacyRevocationAndACancelledKeyChange_KeepsWhatTheAuditShows()
    {
        await using var node = await HardhatNode.StartAsync();
        var options = new ChainOptions { RpcUrl = node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };
        var civil = DevAccounts.Get(1, 31337);
        var v1 = await RegistryV1.DeployAsync(options, DevAccounts.Get(0, 31337), DevChain.Departments, 2);
        var legacyDocument = new Digest(RandomNumberGenerator.GetBytes(32));
        (await new RegistryClient(options, v1.Registry, civil).Documents.AnchorAsync(legacyDocument)).Unwrap();
        var v2 = (await RegistryDeployer.DeployAsync(options, DevAccounts.Get(0, 31337), DevChain.Departments, 2, DevChain.SignerChangeDelay, v1.Registry)).Unwrap();
        var web3 = ChainConnection.CreateWeb3(options, civil);
        await web3.Eth.GetContractTransactionHandler<RevokeLegacyFunction>().SendRequestAndWaitForReceiptAsync(v2.Registry,
            new RevokeLegacyFunction { Root = new byte[32], Digest = legacyDocument.ToArray(), Reason = 4 });
        var client = new RegistryClient(options, v2.Registry, civil);
        var joining = DevAccounts.Get(5, 31337);
        var consent = SignerConsent.Create(joining, 31337, v2.Registry, 1, 0, DateTimeOffset.UtcNow.AddHours(1));
        var (_, changeId) = (await client.Departments.RequestAddSignerAsync(joining.Address, consent.Deadline, consent.Signature)).Unwrap();
        (await client.Departments.CancelSignerChangeAsync(changeId)).Unwrap();

        var logs = await new RegistryLogReader(options).ReadAsync(v2.Registry, 0, await new BlockReader(options).LatestNumberAsync());
        var decoded = logs.Select(l => EventDecoder.Decode(l, DateTimeOffset.UnixEpoch, _ => null)).OfType<IndexedEvent>().ToList();

        var legacy = decoded.Single(e => e.Name == "LegacyDocumentRevoked");
        Assert.Equal((legacyDocument, 1u), (legacy.RecordId, legacy.Department));
        Assert.Equal((Digest.Zero.ToString(), (ushort)4), ((string)legacy.Data["root"]!, (ushort)legacy.Data["reason"]!));
        Assert.Equal("fraud", legacy.Data["reasonName"]);
        var requested = decoded.Single(e => e.Name == "SignerChangeRequested");
        Assert.Equal(("add-signer", joining.Address.ToLowerInvariant()), ((string)requested.Data["kind"]!, ((string)requested.Data["signer"]!).ToLowerInvariant()));
        var cancelled = decoded.Single(e => e.Name == "SignerChangeCancelled");
        Assert.Equal((changeId.ToString(), 1u), ((string)cancelled.Data["changeId"]!, cancelled.Department!.Value));
        Assert.Equal(civil.Address, (string)cancelled.Data["cancelledBy"]!, ignoreCase: true);
    }

    [Fact]
    public async Task Decode_NodeEntriesSetAtDeploymentAndByAChange_AndClearedByTheQuorum()
    {
        await using var node = await HardhatNode.StartAsync();
        var options = new ChainOptions { RpcUrl = node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };
        var (civilSigning, civilEncryption) = (PublicKey(), PublicKey());
        DepartmentSeed[] seeds =
        [
            DevChain.Departments[0] with { Node = new NodeSeed("http://127.0.0.1:5080", civilSigning, civilEncryption) },
            DevChain.Departments[1],
            DevChain.Departments[2],
        ];
        var deployment = (await RegistryDeployer.DeployAsync(options, DevAccounts.Get(0, 31337), seeds, 2, DevChain.SignerChangeDelay)).Unwrap();
        var health = new RegistryClient(options, deployment.Registry, DevAccounts.Get(2, 31337));
        var (_, changeId) = (await health.Departments.RequestSetNodeAsync("https://health.example", PublicKey(), PublicKey())).Unwrap();
        await node.CallAsync("evm_increaseTime", DevChain.SignerChangeDelay);
        await node.CallAsync("evm_mine");
        (await health.Departments.ApplySignerChangeAsync(changeId)).Unwrap();
        var proposal = (await new RegistryClient(options, deployment.Registry, DevAccounts.Get(3, 31337)).Departments.ProposeClearNodeAsync(1)).Unwrap();
        (await health.Departments.ApproveAsync(proposal)).Unwrap();

        var logs = await new RegistryLogReader(options).ReadAsync(deployment.Registry, 0, await new BlockReader(options).LatestNumberAsync());
        var decoded = logs.Select(l => EventDecoder.Decode(l, DateTimeOffset.UnixEpoch, _ => null)).OfType<IndexedEvent>().ToList();

        var changed = decoded.Where(e => e.Name == "DepartmentNodeChanged").ToList();
        Assert.Equal([(1u, "http://127.0.0.1:5080"), (2u, "https://health.example")], changed.Select(e => (e.Department!.Value, (string)e.Data["url"]!)));
        Assert.Equal(("0x" + Convert.ToHexStringLower(civilSigning), "0x" + Convert.ToHexStringLower(civilEncryption)),
            ((string)changed[0].Data["signingKey"]!, (string)changed[0].Data["encryptionKey"]!));
        var requested = decoded.Single(e => e.Name == "SignerChangeRequested");
        Assert.Equal(("set-node", "https://health.example", (string?)null), ((string)requested.Data["kind"]!, (string)requested.Data["nodeUrl"]!, (string?)requested.Data["signer"]));
        var cleared = decoded.Single(e => e.Name == "DepartmentNodeCleared");
        Assert.Equal(1u, cleared.Department);
    }

    // A P-256 public key as a node publishes it: x || y.
    [Fact]
    public async Task Decode_APasskeyConsentAndItsRevocation_IsAPasskeyGrantNamingThePasskey_ThenARevocationByThePasskey()
    {
        await using var node = await HardhatNode.StartAsync();
        var options = new ChainOptions { RpcUrl = node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId };
        var deployment = (await RegistryDeployer.DeployAsync(options, DevAccounts.Get(0, 31337), DevChain.Departments, 2, DevChain.SignerChangeDelay)).Unwrap();
        var relayer = new RegistryClient(options, deployment.Registry, DevAccounts.Get(3, 31337));
        var signer = new TypedDataSigner(31337, deployment.Registry);
        using var passkey = new TestPasskey();
        var record = new Digest(RandomNumberGenerator.GetBytes(32));
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds());
        var deadline = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
        var terms = GrantTerms.Default;
        var consent = signer.Hash(new PasskeyConsentTyped
        {
            RecordId = record.ToArray(), GranteeDepartment = 2, Purpose = 6, ExpiresAt = (ulong)expiresAt.ToUnixTimeSeconds(), Use = (byte)terms.Use,
            RetentionDays = terms.RetentionDays, MaxFetches = terms.MaxFetches, RevocableBy = (byte)terms.RevocableBy, PasskeyId = passkey.Id.ToArray(),
            Nonce = 0, Deadline = deadline.ToUnixTimeSeconds(),
        });
        var (_, grantId) = (await relayer.Grants.GrantByPasskeyAsync(record, 2, 6, expiresAt, terms, passkey.Assert(consent), deadline)).Unwrap();
        var revocation = signer.Hash(new PasskeyRevocationTyped { GrantId = grantId, PasskeyId = passkey.Id.ToArray(), Nonce = 1, Deadline = deadline.ToUnixTimeSeconds() });
        (await relayer.Grants.RevokeByPasskeyAsync(grantId, passkey.Assert(revocation), deadline)).Unwrap();

        var logs = await new RegistryLogReader(options).ReadAsync(deployment.Registry, 0, await new BlockReader(options).LatestNumberAsync());
        var decoded = logs.Select(l => EventDecoder.Decode(l, DateTimeOffset.UnixEpoch, _ => (0u, 2u))).OfType<IndexedEvent>().ToList();

        var granted = decoded.Single(e => e.Name == "AccessGranted");
        Assert.Equal(("passkey-consent", passkey.Id.ToString(), record), ((string)granted.Data["basis"]!, (string?)granted.Data["subject"], granted.RecordId!.Value));
        var revoked = decoded.Single(e => e.Name == "GrantRevoked");
        Assert.Equal(((long)grantId, record, passkey.Id.ToString(), (object?)null, 2u), (revoked.GrantId!.Value, revoked.RecordId!.Value, (string)revoked.Data["byPasskey"]!, revoked.Data["revokedBy"], revoked.Department!.Value));
    }

    private static byte[] PublicKey()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return [.. point.X!, .. point.Y!];
    }
}
