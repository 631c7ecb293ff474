using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Application.Exchange.Holder;
using EthGov.Application.Nodes;
using EthGov.Application.Passkeys;
using EthGov.Application.Records;
using EthGov.Application.Storage;
using EthGov.Chain.Blocks;
using EthGov.Chain.Deployments;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Crypto.HttpSignatures;
using EthGov.Core.Digests;
using EthGov.Core.Exchange;
using EthGov.Core.Merkle;
using EthGov.Core.Records;
using EthGov.Testing;

namespace EthGov.Application.Tests.Exchange.Holder;

/// <summary>
/// A Hardhat node with the registry deployed for CIVIL (id 1, the holder: signer dev:1, node keys dev:1), HEALTH (id 2,
/// the grantee: signer dev:2, node keys dev:2) and TRANSPORT (id 3: signer dev:3, no node entry), and a holder built the
/// way the API builds it, on its own database, hosting CIVIL. Tests make their own records, grants and logs.
/// </summary>
public sealed class HolderChain : IAsyncLifetime
{
    public const uint Civil = 1;
    public const uint Health = 2;
    public const uint Transport = 3;
    public const string Kind = "birth-certificate";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private readonly string _directory = Directory.CreateTempSubdirectory("ethgov-holder-").FullName;
    private HardhatNode? _node;

    public HardhatNode Node => _node ?? throw new InvalidOperationException("not started");

    public Deployment Deployment { get; private set; } = null!;

    public ChainOptions Options => new() { RpcUrl = Node.RpcUrl, ChainId = ChainOptions.DevAccountsChainId, MaxReadAge = TimeSpan.Zero };

    public NodeKeys HolderKeys { get; } = NodeKeys.Load("dev:1", 31337UL);

    public NodeKeys GranteeKeys { get; } = NodeKeys.Load("dev:2", 31337UL);

    public NodeKeys TransportKeys { get; } = NodeKeys.Load("dev:3", 31337UL);

    public RecordStore Records { get; private set; } = null!;

    public Database Database { get; private set; } = null!;

    public ReleaseJournal Journal { get; private set; } = null!;

    public PasskeyBindingStore Passkeys { get; private set; } = null!;

    public ReleaseService Service { get; private set; } = null!;

    public RegistryClient Civil1 { get; private set; } = null!;

    public RegistryClient Health2 { get; private set; } = null!;

    public RegistryClient Transport3 { get; private set; } = null!;

    /// <summary>A release service on the same database and records, reading the chain at <paramref name="rpcUrl"/>.</summary>
    public ReleaseService ServiceOn(Uri rpcUrl, int logConfirmations = 1, TimeSpan? maxReadAge = null)
    {
        var options = new ChainOptions { RpcUrl = rpcUrl, ChainId = ChainOptions.DevAccountsChainId, MaxReadAge = maxReadAge ?? TimeSpan.Zero };
        var reads = new HolderChainReads(new RegistryClient(options, Deployment.Registry), new BlockReader(options), options.MaxReadAge);
        var holder = new HolderNode(31337, Deployment.Registry, HolderKeys, (id, _) => ValueTask.FromResult(id == Civil));
        var checks = new ReleaseChecks(holder, reads, Records, Journal, new NonceCache(), new NoAnchors(), new ExchangeOptions { LogConfirmations = logConfirmations }, Passkeys);
        return new ReleaseService(checks, Journal, Records);
    }

    /// <summary>Keeps and anchors (singly, by CIVIL) a fresh JSON record of <see cref="Kind"/> about <paramref name="person"/>.</summary>
    public async Task<StoredRecord> IssueAsync(string person = "P-1", string? subject = null, bool anchor = true)
    {
        var record = SaltedRecord.Create(Kind, subject, JsonDocument.Parse($"{{\"n\":\"{Guid.NewGuid()}\"}}").RootElement);
        await Records.PutAsync(new RecordContent(record.Digest, Civil, SaltedRecord.MediaType, record.Bytes) { Kind = Kind, Person = person, Subject = subject });
        if (anchor)
        {
            (await Civil1.Documents.AnchorAsync(record.Digest)).Unwrap();
        }

        return (await Records.GetAsync(record.Digest))!;
    }

    /// <summary>CIVIL grants <paramref name="grantee"/> the record under a legal basis.</summary>
    public async Task<BigInteger> GrantAsync(Digest recordId, uint grantee = Health, ushort maxFetches = 10)
        => (await Civil1.Grants.GrantAsync(recordId, Digest.Zero, [], grantee, 1, DateTimeOffset.UtcNow.AddDays(1), Random(),
            new GrantTerms(GrantUse.Store, 30, maxFetches, GrantRevokers.Grantor))).Unwrap().GrantId;

    /// <summary>CIVIL grants HEALTH every record of <see cref="Kind"/>.</summary>
    public async Task<BigInteger> GrantKindAsync()
        => (await Civil1.Grants.GrantKindAsync(RecordKind.Id(Kind), Health, 1, DateTimeOffset.UtcNow.AddDays(1), Random(), GrantTerms.Default)).Unwrap().GrantId;

    /// <summary>Binds <paramref name="recordId"/> to <paramref name="passkey"/> as the holder's registration page does: a code, then the passkey.</summary>
    public async Task BindAsync(Digest recordId, TestPasskey passkey)
    {
        var (code, _) = await Passkeys.IssueCodeAsync(recordId, Civil, PasskeyRole.Self, TimeSpan.FromHours(1));
        var entry = (await Passkeys.FindCodeAsync(RegistrationCode.Hash(code)!))!;
        var (outcome, _) = await Passkeys.BindRecordAsync(entry, new NewPasskey(passkey.X, passkey.Y, RandomNumberGenerator.GetBytes(16)));
        Assert.Equal(BindOutcome.Bound, outcome);
    }

    /// <summary><paramref name="passkey"/> consents to HEALTH's access to <paramref name="recordId"/>; any account relays it.</summary>
    public async Task<BigInteger> GrantByPasskeyAsync(Digest recordId, TestPasskey passkey)
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds());
        var deadline = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
        var nonce = (await Transport3.Grants.PasskeyNonceAsync(passkey.Id)).Unwrap();
        var challenge = new PasskeyChallenges(31337, Deployment.Registry).Consent(recordId, Health, 1, expiresAt, GrantTerms.Default, passkey.Id, nonce, deadline);
        var assertion = passkey.Assert(challenge.ToArray());
        return (await Transport3.Grants.GrantByPasskeyAsync(recordId, Health, 1, expiresAt, GrantTerms.Default, assertion, deadline)).Unwrap().GrantId;
    }

    /// <summary>The access entry of a request by HEALTH to CIVIL.</summary>
    public AccessEntry Entry(BigInteger grantId, Digest recordId, Digest? requestId = null, Digest? queryDigest = null, uint grantee = Health) =>
        new(31337, Deployment.Registry, grantId, recordId, Civil, grantee, requestId ?? Random(), queryDigest ?? Digest.Zero);

    /// <summary>Logs <paramref name="entries"/> in one access-log batch by <paramref name="logger"/> (HEALTH by default) and, with <paramref name="confirm"/>, mines one more block.</summary>
    public async Task<MerkleTree> LogAsync(IReadOnlyList<AccessEntry> entries, RegistryClient? logger = null, bool confirm = true)
    {
        var tree = MerkleTree.Build([.. entries.Select(e => e.Hash()), Random()]);
        (await (logger ?? Health2).Grants.LogAccessBatchAsync(tree.Root, tree.Count)).Unwrap();
        if (confirm)
        {
            await Node.CallAsync("evm_mine");
        }

        return tree;
    }

    /// <summary>The request body of <paramref name="entry"/> logged in <paramref name="tree"/>.</summary>
    public static byte[] Body(AccessEntry entry, MerkleTree tree, SealedQuery? query = null) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new ReleaseRequest(entry.GrantId, entry.RecordId, entry.RequestId, query?.Digest(), query, new LogInclusion(tree.Root, tree.GetProof(entry.Hash()))), s_json);

    /// <summary>The message as the holder receives it: signed by <paramref name="department"/>'s node with <paramref name="key"/>.</summary>
    public HttpMessageParts SignedBy(byte[] body, uint department = Health, NodeKeys? key = null, string path = "/api/v1/node/releases")
    {
        var target = new Uri("http://holder.test:8080" + path);
        var fields = NodeSignatures.SignRequest("POST", target, body, department, 31337, Deployment.Registry, (key ?? GranteeKeys).Signing, DateTimeOffset.UtcNow);
        return HttpMessageParts.ForRequest("POST", target)
            .AddField("Content-Type", fields.ContentType!)
            .AddField("Content-Digest", fields.ContentDigest)
            .AddField("Signature-Input", fields.SignatureInput)
            .AddField("Signature", fields.Signature);
    }

    /// <summary>Opens a release with the grantee's key.</summary>
    public byte[] Open(Release release, AccessEntry entry) =>
        new ReleaseRecipientSessions().Open(GranteeKeys.Encryption, entry, release.LogRoot, release.Enc, release.Ciphertext);

    public static Digest Random() => new(RandomNumberGenerator.GetBytes(32));

    public async Task InitializeAsync()
    {
        _node = await HardhatNode.StartAsync();
        DepartmentSeed Seed(string code, int account, NodeKeys? keys) =>
            new(code, code, DevAccounts.Get(account, 31337).Address)
            {
                Node = keys is null ? null : new NodeSeed($"http://{code.ToLowerInvariant()}.test:8080", keys.SigningPublicKey, keys.EncryptionPublicKey),
            };
        Deployment = (await RegistryDeployer.DeployAsync(Options, DevAccounts.Get(0, 31337),
            [Seed("CIVIL", 1, HolderKeys), Seed("HEALTH", 2, GranteeKeys), Seed("TRANSPORT", 3, null)], 2, 60)).Unwrap();
        Civil1 = new RegistryClient(Options, Deployment.Registry, DevAccounts.Get(1, 31337));
        Health2 = new RegistryClient(Options, Deployment.Registry, DevAccounts.Get(2, 31337));
        Transport3 = new RegistryClient(Options, Deployment.Registry, DevAccounts.Get(3, 31337));
        var database = TestStore.Database(_directory);
        database.EnsureCreated();
        Database = database;
        Records = new RecordStore(database, NodeDataKey.Load("dev:1", 31337), new RecordsOptions());
        Journal = new ReleaseJournal(database);
        Passkeys = new PasskeyBindingStore(database);
        Service = ServiceOn(Node.RpcUrl);
    }

    public async Task DisposeAsync()
    {
        Records.Dispose();
        Journal.Dispose();
        HolderKeys.Dispose();
        GranteeKeys.Dispose();
        TransportKeys.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class NoAnchors : IRecordAnchors
    {
        public EthGov.Application.Documents.AnchorPlace? Find(Digest digest) => null;
    }
}
