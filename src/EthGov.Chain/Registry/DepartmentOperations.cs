using System.Numerics;
using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Chain.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Registry;

/// <summary>Departments, their signer keys, their node entries and the quorum governance that changes membership.</summary>
public sealed class DepartmentOperations(RegistryContext context)
{
    /// <summary>How long a proposal stays open when no deadline is given.</summary>
    public static readonly TimeSpan DefaultProposalLifetime = TimeSpan.FromDays(7);

    /// <summary>All departments, ids 1..n, with status and signers, at block <paramref name="blockNumber"/> (latest when null).</summary>
    public async Task<ChainResult<IReadOnlyList<DepartmentInfo>>> ListAsync(ulong? blockNumber = null)
    {
        var block = At(blockNumber);
        var count = await context.QueryValueAsync<DepartmentCountFunction, uint>(new DepartmentCountFunction(), block);
        if (!count.IsSuccess)
        {
            return ChainResult<IReadOnlyList<DepartmentInfo>>.Fail(count.Error);
        }

        var list = new List<DepartmentInfo>();
        for (uint id = 1; id <= count.Value; id++)
        {
            var department = await GetAsync(id, blockNumber);
            if (!department.IsSuccess)
            {
                return ChainResult<IReadOnlyList<DepartmentInfo>>.Fail(department.Error);
            }

            list.Add(department.Value);
        }

        return ChainResult<IReadOnlyList<DepartmentInfo>>.Ok(list);
    }

    /// <summary>One department by id, at block <paramref name="blockNumber"/> (latest when null); fails with UnknownDepartment.</summary>
    public async Task<ChainResult<DepartmentInfo>> GetAsync(uint departmentId, ulong? blockNumber = null)
    {
        var result = await context.QueryAsync<DepartmentFunction, DepartmentOutput>(new DepartmentFunction { DepartmentId = departmentId }, At(blockNumber));
        return result.IsSuccess
            ? ChainResult<DepartmentInfo>.Ok(DepartmentInfo.From(departmentId, result.Value.Department))
            : ChainResult<DepartmentInfo>.Fail(result.Error);
    }

    /// <summary>
    /// The node entry of <paramref name="departmentId"/> (its URL and public keys), null when it has none; fails with
    /// UnknownDepartment for an unknown id.
    /// </summary>
    public async Task<ChainResult<DepartmentNode?>> GetNodeAsync(uint departmentId)
    {
        var result = await context.QueryAsync<DepartmentNodeFunction, DepartmentNodeOutput>(new DepartmentNodeFunction { DepartmentId = departmentId });
        return result.IsSuccess
            ? ChainResult<DepartmentNode?>.Ok(DepartmentNode.From(departmentId, result.Value.Node))
            : ChainResult<DepartmentNode?>.Fail(result.Error);
    }

    /// <summary>The id of the department with <paramref name="code"/>, 0 when none.</summary>
    public Task<ChainResult<uint>> IdByCodeAsync(string code)
        => context.QueryValueAsync<DepartmentIdByCodeFunction, uint>(new DepartmentIdByCodeFunction { Code = code });

    /// <summary>The department <paramref name="signer"/> signs for (0 when none) and whether it may act now.</summary>
    public async Task<ChainResult<(uint DepartmentId, bool Active)>> OfSignerAsync(string signer)
    {
        var result = await context.QueryAsync<DepartmentOfFunction, DepartmentOfOutput>(new DepartmentOfFunction { Signer = signer });
        return result.IsSuccess
            ? ChainResult<(uint, bool)>.Ok((result.Value.DepartmentId, result.Value.Active))
            : ChainResult<(uint, bool)>.Fail(result.Error);
    }

    /// <summary>The current approval threshold.</summary>
    public Task<ChainResult<uint>> ThresholdAsync() => context.QueryValueAsync<ThresholdFunction, uint>(new ThresholdFunction());

    /// <summary>One proposal by id.</summary>
    public async Task<ChainResult<ProposalInfo>> ProposalAsync(BigInteger proposalId)
    {
        var result = await context.QueryAsync<ProposalFunction, ProposalOutput>(new ProposalFunction { ProposalId = proposalId });
        return result.IsSuccess
            ? ChainResult<ProposalInfo>.Ok(ProposalInfo.From(proposalId, result.Value.Proposal))
            : ChainResult<ProposalInfo>.Fail(result.Error);
    }

    /// <summary>Proposes adding a department with its first signer; the proposer's department approves at once.</summary>
    public Task<ChainResult<BigInteger>> ProposeAddAsync(string code, string name, string signer, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        => ProposeAsync(new ProposeAddDepartmentFunction { Code = code, Name = name, Signer = signer, Deadline = Deadline(deadline) }, cancellationToken);

    /// <summary>Proposes suspending a department.</summary>
    public Task<ChainResult<BigInteger>> ProposeSuspendAsync(uint departmentId, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        => ProposeAsync(new ProposeSuspendDepartmentFunction { DepartmentId = departmentId, Deadline = Deadline(deadline) }, cancellationToken);

    /// <summary>Proposes restoring a suspended department.</summary>
    public Task<ChainResult<BigInteger>> ProposeRestoreAsync(uint departmentId, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        => ProposeAsync(new ProposeRestoreDepartmentFunction { DepartmentId = departmentId, Deadline = Deadline(deadline) }, cancellationToken);

    /// <summary>Proposes a new approval threshold.</summary>
    public Task<ChainResult<BigInteger>> ProposeThresholdAsync(uint threshold, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        => ProposeAsync(new ProposeThresholdFunction { NewThreshold = threshold, Deadline = Deadline(deadline) }, cancellationToken);

    /// <summary>Approves a proposal for the signer's department; it executes when the quorum is reached.</summary>
    public Task<ChainResult<TransactionOutcome>> ApproveAsync(BigInteger proposalId, CancellationToken cancellationToken = default)
        => context.SendAsync(new ApproveFunction { ProposalId = proposalId }, cancellationToken);

    /// <summary>Executes a proposal whose live approvals reach the quorum (after a suspension lowered it).</summary>
    public Task<ChainResult<TransactionOutcome>> ExecuteAsync(BigInteger proposalId, CancellationToken cancellationToken = default)
        => context.SendAsync(new ExecuteFunction { ProposalId = proposalId }, cancellationToken);

    /// <summary>Proposes recovering a department: every current key replaced by <paramref name="newSigners"/>.</summary>
    public Task<ChainResult<BigInteger>> ProposeReplaceSignersAsync(uint departmentId, IReadOnlyList<string> newSigners, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        => ProposeAsync(new ProposeReplaceSignersFunction { DepartmentId = departmentId, NewSigners = [.. newSigners], Deadline = Deadline(deadline) }, cancellationToken);

    /// <summary>Proposes that the quorum report any department's key compromised since <paramref name="since"/>.</summary>
    public Task<ChainResult<BigInteger>> ProposeReportCompromisedKeyAsync(string signer, DateTimeOffset since, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        => ProposeAsync(new ProposeReportCompromisedKeyFunction { Signer = signer, CompromisedSince = (ulong)since.ToUnixTimeSeconds(), Deadline = Deadline(deadline) }, cancellationToken);

    /// <summary>Reports a key of the signer's own department compromised since <paramref name="since"/>, with immediate effect.</summary>
    public Task<ChainResult<TransactionOutcome>> ReportCompromisedKeyAsync(string signer, DateTimeOffset since, CancellationToken cancellationToken = default)
        => context.SendAsync(new ReportCompromisedKeyFunction { Signer = signer, CompromisedSince = (ulong)since.ToUnixTimeSeconds() }, cancellationToken);

    /// <summary>
    /// Requests adding <paramref name="signer"/> to the signer's own department, with the new key's EIP-712
    /// <c>SignerConsent</c> signature; returns the change id. It can be applied once the signer-change delay has passed.
    /// </summary>
    public Task<ChainResult<(TransactionOutcome Outcome, BigInteger ChangeId)>> RequestAddSignerAsync(string signer, DateTimeOffset deadline, byte[] consent, CancellationToken cancellationToken = default)
        => RequestAsync(new RequestAddSignerFunction { Signer = signer, Deadline = deadline.ToUnixTimeSeconds(), Signature = consent }, cancellationToken);

    /// <summary>Requests removing a key from the signer's own department (never the last one); returns the change id.</summary>
    public Task<ChainResult<(TransactionOutcome Outcome, BigInteger ChangeId)>> RequestRemoveSignerAsync(string signer, CancellationToken cancellationToken = default)
        => RequestAsync(new RequestRemoveSignerFunction { Signer = signer }, cancellationToken);

    /// <summary>
    /// Requests setting the node entry of the signer's own department (a signer change of kind SetNode): the node's
    /// public base URL and its two P-256 public keys, each x || y (64 bytes). Returns the change id; the entry changes
    /// when the change is applied, once the signer-change delay has passed. Fails with InvalidNodeUrl or InvalidNodeKey.
    /// </summary>
    public Task<ChainResult<(TransactionOutcome Outcome, BigInteger ChangeId)>> RequestSetNodeAsync(string url, byte[] signingKey, byte[] encryptionKey, CancellationToken cancellationToken = default)
        => RequestAsync(new RequestSetNodeFunction { Url = url, SigningKey = signingKey, EncryptionKey = encryptionKey }, cancellationToken);

    /// <summary>
    /// Proposes that the quorum clear the node entry of <paramref name="departmentId"/>; at execution the department's
    /// pending signer changes are cancelled too.
    /// </summary>
    public Task<ChainResult<BigInteger>> ProposeClearNodeAsync(uint departmentId, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
        => ProposeAsync(new ProposeClearNodeFunction { DepartmentId = departmentId, Deadline = Deadline(deadline) }, cancellationToken);

    /// <summary>Applies a pending signer change of the signer's department once its delay has passed.</summary>
    public Task<ChainResult<TransactionOutcome>> ApplySignerChangeAsync(BigInteger changeId, CancellationToken cancellationToken = default)
        => context.SendAsync(new ApplySignerChangeFunction { ChangeId = changeId }, cancellationToken);

    /// <summary>Cancels a pending signer change of the signer's department.</summary>
    public Task<ChainResult<TransactionOutcome>> CancelSignerChangeAsync(BigInteger changeId, CancellationToken cancellationToken = default)
        => context.SendAsync(new CancelSignerChangeFunction { ChangeId = changeId }, cancellationToken);

    private async Task<ChainResult<(TransactionOutcome, BigInteger)>> RequestAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : Nethereum.Contracts.FunctionMessage, new()
    {
        var sent = await context.SendForEventAsync<TMessage, SignerChangeRequestedEvent>(message, cancellationToken);
        return sent.IsSuccess
            ? ChainResult<(TransactionOutcome, BigInteger)>.Ok((sent.Value.Outcome, sent.Value.Event.ChangeId))
            : ChainResult<(TransactionOutcome, BigInteger)>.Fail(sent.Error);
    }

    private async Task<ChainResult<BigInteger>> ProposeAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : Nethereum.Contracts.FunctionMessage, new()
    {
        var sent = await context.SendForEventAsync<TMessage, ProposalCreatedEvent>(message, cancellationToken);
        return sent.IsSuccess ? ChainResult<BigInteger>.Ok(sent.Value.Event.ProposalId) : ChainResult<BigInteger>.Fail(sent.Error);
    }

    private static ulong Deadline(DateTimeOffset? deadline)
        => (ulong)(deadline ?? DateTimeOffset.UtcNow.Add(DefaultProposalLifetime)).ToUnixTimeSeconds();

    private static BlockParameter? At(ulong? blockNumber)
        => blockNumber is { } number ? new BlockParameter(new HexBigInteger(number)) : null;
}
