using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Chain.Transactions;
using Microsoft.Extensions.Logging;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace EthGov.Chain.Registry;

/// <summary>What the registry's operation groups share: the read client, the optional signer and the error decoder.</summary>
public sealed class RegistryContext
{
    private readonly TransactionSender? _sender;

    /// <summary>
    /// Connects to the registry at <paramref name="address"/>; without <paramref name="signer"/> only reads work. The
    /// signer's sender logs nonce gaps and repairs to <paramref name="logger"/>. Transactions are confirmed through
    /// <paramref name="confirmation"/> (a new one when null), whose confirmed block the reads never go below. With
    /// <paramref name="fence"/>, the signer sends only while the fence lets it (replicas of a node).
    /// </summary>
    public RegistryContext(ChainOptions options, string address, EthGov.Chain.Keys.SignerKey? signer = null, ILogger? logger = null, TransactionConfirmation? confirmation = null, INonceFence? fence = null)
    {
        Options = options;
        Address = address;
        Confirmation = confirmation ?? new TransactionConfirmation();
        Decoder = new RevertDecoder(RegistryArtifact.Embedded);
        Web3 = ChainConnection.CreateWeb3(options);
        _sender = signer is null ? null : new TransactionSender(signer, options, Decoder, address, Confirmation, logger, fence);
        Pinned = new PinnedReads(LatestBlockAsync, options.MaxReadAge, Confirmation.Confirmed);
        Checks = new CoalescedChecks(RecordsAsync, CoalescedChecks.s_defaultSpacing);
        Transactions = new AnchoringTransactions(this);
    }

    /// <summary>The chain settings.</summary>
    public ChainOptions Options { get; }

    /// <summary>The registry's address.</summary>
    public string Address { get; }

    /// <summary>Confirms this context's transactions; its confirmed block bounds how old a read may be.</summary>
    internal TransactionConfirmation Confirmation { get; }

    /// <summary>The signer's address, when there is one.</summary>
    public string? SignerAddress => _sender?.Address;

    /// <summary>Why the signer's sender stopped sending (another process sends with its key); null while it sends or without a signer.</summary>
    public SenderStop? SenderStopped => _sender?.Stopped;

    internal RevertDecoder Decoder { get; }

    internal IWeb3 Web3 { get; }

    /// <summary>Latest-block and per-block reads shared between concurrent callers.</summary>
    internal PinnedReads Pinned { get; }

    /// <summary>Document records at a block, asked together in <c>records</c> calls.</summary>
    internal CoalescedChecks Checks { get; }

    /// <summary>Stated anchoring transactions checked against the chain.</summary>
    internal AnchoringTransactions Transactions { get; }

    internal TransactionSender Sender => _sender ?? throw new InvalidOperationException("this operation needs a signer key");

    /// <summary>Calls a view function at <paramref name="block"/> (latest when null).</summary>
    internal Task<ChainResult<TOut>> QueryAsync<TMessage, TOut>(TMessage message, BlockParameter? block = null)
        where TMessage : FunctionMessage, new()
        where TOut : IFunctionOutputDTO, new()
        => Decoder.RunAsync(() => Web3.Eth.GetContractQueryHandler<TMessage>()
            .QueryDeserializingToObjectAsync<TOut>(message, Address, block ?? BlockParameter.CreateLatest()));

    /// <summary>Calls a view function that returns one value.</summary>
    internal Task<ChainResult<TOut>> QueryValueAsync<TMessage, TOut>(TMessage message, BlockParameter? block = null)
        where TMessage : FunctionMessage, new()
        => Decoder.RunAsync(() => Web3.Eth.GetContractQueryHandler<TMessage>()
            .QueryAsync<TOut>(Address, message, block ?? BlockParameter.CreateLatest()));

    /// <summary>Sends a transaction with the signer and waits for its confirmation.</summary>
    internal Task<ChainResult<TransactionOutcome>> SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : FunctionMessage, new()
        => Sender.SendAsync(message, cancellationToken);

    /// <summary>Sends a transaction and decodes the first <typeparamref name="TEvent"/> it emitted.</summary>
    internal async Task<ChainResult<(TransactionOutcome Outcome, TEvent Event)>> SendForEventAsync<TMessage, TEvent>(TMessage message, CancellationToken cancellationToken)
        where TMessage : FunctionMessage, new()
        where TEvent : IEventDTO, new()
    {
        var sent = await Sender.SendWithReceiptAsync(message, cancellationToken);
        if (!sent.IsSuccess)
        {
            return ChainResult<(TransactionOutcome, TEvent)>.Fail(sent.Error);
        }

        var decoded = sent.Value.Receipt.DecodeAllEvents<TEvent>();
        return decoded.Count == 0
            ? ChainResult<(TransactionOutcome, TEvent)>.Fail(ChainError.Rejected($"the transaction emitted no {typeof(TEvent).Name}"))
            : ChainResult<(TransactionOutcome, TEvent)>.Ok((sent.Value.Outcome, decoded[0].Event));
    }

    // records through the hand-written codec (see RecordsCodec for why).
    private Task<ChainResult<List<EthGov.Core.Verification.StoredRecord>>> RecordsAsync(List<RecordQuery> queries, ulong blockNumber)
        => Decoder.RunAsync(async () =>
        {
            var answer = await Web3.Eth.Transactions.Call.SendRequestAsync(
                new CallInput(RecordsCodec.EncodeCall(queries), Address), new BlockParameter(new HexBigInteger(blockNumber)));
            return RecordsCodec.DecodeViews(answer, queries.Count);
        });

    /// <summary>The latest block number and its time, to state which chain state an answer rests on.</summary>
    internal async Task<ChainResult<(ulong Number, DateTimeOffset Time, string Hash)>> LatestBlockAsync()
        => await Decoder.RunAsync(async () =>
        {
            var block = await Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
            return ((ulong)block.Number.Value, DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value), block.BlockHash);
        });
}
