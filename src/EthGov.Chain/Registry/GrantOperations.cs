using System.Numerics;
using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;

namespace EthGov.Chain.Registry;

/// <summary>Access grants between departments and the on-chain log of each access.</summary>
public sealed class GrantOperations(RegistryContext context)
{
    /// <summary>
    /// The holding department grants <paramref name="granteeDepartment"/> access under a legal basis to a record it
    /// anchored: singly (<paramref name="root"/> zero, empty <paramref name="proof"/>) or as a leaf of its batch
    /// <paramref name="root"/>; the registry refuses a record the department did not anchor (NotIssuingDepartment).
    /// </summary>
    public Task<ChainResult<(TransactionOutcome Outcome, BigInteger GrantId)>> GrantAsync(
        Digest recordId, Digest root, IReadOnlyList<Digest> proof, uint granteeDepartment, ushort purpose, DateTimeOffset expiresAt, Digest legalBasis,
        GrantTerms terms, CancellationToken cancellationToken = default)
        => CreateAsync(new GrantAccessFunction
        {
            RecordId = recordId.ToArray(),
            Root = root.ToArray(),
            Proof = [.. proof.Select(p => p.ToArray())],
            GranteeDepartment = granteeDepartment,
            Purpose = purpose,
            ExpiresAt = (ulong)expiresAt.ToUnixTimeSeconds(),
            LegalBasis = legalBasis.ToArray(),
            Terms = terms.ToTuple(),
        }, cancellationToken);

    /// <summary>
    /// The department grants <paramref name="granteeDepartment"/> access under a legal basis to every record of a kind it
    /// issues (<paramref name="kind"/>: the kind's id, <c>RecordKind.Id(name)</c>). The chain cannot tell a record's kind:
    /// the holder's node checks it before each release.
    /// </summary>
    public Task<ChainResult<(TransactionOutcome Outcome, BigInteger GrantId)>> GrantKindAsync(
        Digest kind, uint granteeDepartment, ushort purpose, DateTimeOffset expiresAt, Digest legalBasis, GrantTerms terms,
        CancellationToken cancellationToken = default)
        => CreateAsync(new GrantKindAccessFunction
        {
            Kind = kind.ToArray(),
            GranteeDepartment = granteeDepartment,
            Purpose = purpose,
            ExpiresAt = (ulong)expiresAt.ToUnixTimeSeconds(),
            LegalBasis = legalBasis.ToArray(),
            Terms = terms.ToTuple(),
        }, cancellationToken);

    /// <summary>
    /// Submits a citizen's consent given with a passkey: <paramref name="assertion"/> signs, as its WebAuthn challenge, the
    /// EIP-712 digest of the <c>PasskeyConsent</c> of exactly these arguments, the passkey id, its nonce and
    /// <paramref name="deadline"/>. Refusals come back decoded (PasskeyChallengeMismatch, PasskeyUserNotVerified,
    /// InvalidPasskeySignature, ExpiredSignature, and the rules every grant obeys).
    /// </summary>
    public Task<ChainResult<(TransactionOutcome Outcome, BigInteger GrantId)>> GrantByPasskeyAsync(
        Digest recordId, uint granteeDepartment, ushort purpose, DateTimeOffset expiresAt, GrantTerms terms, PasskeyAssertion assertion,
        DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        return CreateAsync(new GrantAccessByPasskeyFunction
        {
            RecordId = recordId.ToArray(),
            GranteeDepartment = granteeDepartment,
            Purpose = purpose,
            ExpiresAt = (ulong)expiresAt.ToUnixTimeSeconds(),
            Terms = terms.ToTuple(),
            Assertion = assertion.ToTuple(),
            Deadline = deadline.ToUnixTimeSeconds(),
        }, cancellationToken);
    }

    /// <summary>Revokes a passkey consent by the passkey that gave it (<c>PasskeyRevocation</c> signed as the challenge).</summary>
    public Task<ChainResult<TransactionOutcome>> RevokeByPasskeyAsync(
        BigInteger grantId, PasskeyAssertion assertion, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        return context.SendAsync(new RevokeGrantByPasskeyFunction { GrantId = grantId, Assertion = assertion.ToTuple(), Deadline = deadline.ToUnixTimeSeconds() }, cancellationToken);
    }

    /// <summary>The nonce the next assertion of the passkey <paramref name="passkeyId"/> must sign.</summary>
    public Task<ChainResult<BigInteger>> PasskeyNonceAsync(Digest passkeyId)
        => context.QueryValueAsync<PasskeyNonceFunction, BigInteger>(new PasskeyNonceFunction { PasskeyId = passkeyId.ToArray() });

    /// <summary>The passkey that consented to a grant, or <see cref="Digest.Zero"/> for a grant of another basis (GrantNotFound for an unknown id).</summary>
    public async Task<ChainResult<Digest>> PasskeyOfAsync(BigInteger grantId)
    {
        var result = await context.QueryValueAsync<GrantPasskeyFunction, byte[]>(new GrantPasskeyFunction { GrantId = grantId });
        return result.IsSuccess ? ChainResult<Digest>.Ok(new Digest(result.Value)) : ChainResult<Digest>.Fail(result.Error);
    }

    /// <summary>Revokes a grant, as its terms allow: the subject or the grantor department's signer, or the grantee department's signer.</summary>
    public Task<ChainResult<TransactionOutcome>> RevokeAsync(BigInteger grantId, CancellationToken cancellationToken = default)
        => context.SendAsync(new RevokeGrantFunction { GrantId = grantId }, cancellationToken);

    /// <summary>Proposes that the quorum revoke grants whose grantor department is suspended.</summary>
    public async Task<ChainResult<BigInteger>> ProposeRevokeGrantsAsync(IReadOnlyList<BigInteger> grantIds, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default)
    {
        var sent = await context.SendForEventAsync<ProposeRevokeGrantsFunction, ProposalCreatedEvent>(
            new ProposeRevokeGrantsFunction
            {
                GrantIds = [.. grantIds],
                Deadline = (ulong)(deadline ?? DateTimeOffset.UtcNow.Add(DepartmentOperations.DefaultProposalLifetime)).ToUnixTimeSeconds(),
            },
            cancellationToken);
        return sent.IsSuccess ? ChainResult<BigInteger>.Ok(sent.Value.Event.ProposalId) : ChainResult<BigInteger>.Fail(sent.Error);
    }

    /// <summary>The grantee department logs one access under a valid grant.</summary>
    public Task<ChainResult<TransactionOutcome>> LogAccessAsync(BigInteger grantId, CancellationToken cancellationToken = default)
        => context.SendAsync(new LogAccessFunction { GrantId = grantId }, cancellationToken);

    /// <summary>
    /// The caller's department logs a batch of <paramref name="entries"/> accesses as the Merkle root of their entries
    /// (refused: ZeroRoot, ZeroEntries, AccessBatchExists, NotActiveSigner).
    /// </summary>
    public Task<ChainResult<TransactionOutcome>> LogAccessBatchAsync(Digest root, int entries, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        return context.SendAsync(new LogAccessBatchFunction { Root = root.ToArray(), Entries = (uint)entries }, cancellationToken);
    }

    /// <summary>A logged access batch, or null when <paramref name="root"/> was never logged.</summary>
    public async Task<ChainResult<AccessBatchInfo?>> GetAccessBatchAsync(Digest root)
    {
        var result = await context.QueryAsync<AccessBatchFunction, AccessBatchOutput>(new AccessBatchFunction { Root = root.ToArray() });
        return !result.IsSuccess ? ChainResult<AccessBatchInfo?>.Fail(result.Error)
            : result.Value.DepartmentId == 0 ? ChainResult<AccessBatchInfo?>.Ok(null)
            : ChainResult<AccessBatchInfo?>.Ok(new AccessBatchInfo(result.Value.DepartmentId, result.Value.BlockNumber, result.Value.Entries));
    }

    /// <summary>One grant (fails with GrantNotFound).</summary>
    public async Task<ChainResult<GrantInfo>> GetAsync(BigInteger grantId)
    {
        var result = await context.QueryAsync<GrantFunction, GrantOutput>(new GrantFunction { GrantId = grantId });
        if (!result.IsSuccess)
        {
            return ChainResult<GrantInfo>.Fail(result.Error);
        }

        var valid = await context.QueryValueAsync<IsGrantValidFunction, bool>(new IsGrantValidFunction { GrantId = grantId });
        return valid.IsSuccess
            ? ChainResult<GrantInfo>.Ok(GrantInfo.From(grantId, result.Value.Grant, valid.Value))
            : ChainResult<GrantInfo>.Fail(valid.Error);
    }

    /// <summary>How many grants exist (ids 1..n).</summary>
    public Task<ChainResult<BigInteger>> CountAsync() => context.QueryValueAsync<GrantCountFunction, BigInteger>(new GrantCountFunction());

    private async Task<ChainResult<(TransactionOutcome, BigInteger)>> CreateAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : Nethereum.Contracts.FunctionMessage, new()
    {
        var sent = await context.SendForEventAsync<TMessage, AccessGrantedEvent>(message, cancellationToken);
        return sent.IsSuccess
            ? ChainResult<(TransactionOutcome, BigInteger)>.Ok((sent.Value.Outcome, sent.Value.Event.GrantId))
            : ChainResult<(TransactionOutcome, BigInteger)>.Fail(sent.Error);
    }
}
