using EthGov.Chain.Abi;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace EthGov.Chain.Transactions;

/// <summary>
/// Sends the registry's transactions for one signer: nonces assigned here in order (a node under automine
/// rejects gaps), fees that work on Hardhat and on a zero-gas-price Besu network, and receipts awaited to
/// the configured number of confirmations. Reverts come back decoded, never as exceptions.
/// </summary>
public sealed class TransactionSender
{
    private readonly Web3 _web3;
    private readonly ChainOptions _options;
    private readonly RevertDecoder _decoder;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly string _contractAddress;
    private long _nextNonce = -1;

    /// <summary>Creates a sender for <paramref name="account"/> against the contract at <paramref name="contractAddress"/>.</summary>
    public TransactionSender(Account account, ChainOptions options, RevertDecoder decoder, string contractAddress)
    {
        _options = options;
        _decoder = decoder;
        _contractAddress = contractAddress;
        Address = account.Address;
        _web3 = ChainConnection.CreateWeb3(options, account);
        _web3.TransactionManager.UseLegacyAsDefault = options.GasPriceWei is not null;
    }

    /// <summary>The signer's address.</summary>
    public string Address { get; }

    /// <summary>The Nethereum client bound to the signer (for calls within the Chain layer).</summary>
    internal Web3 Web3 => _web3;

    /// <summary>Sends <paramref name="message"/> to the registry and waits for it to be confirmed.</summary>
    public async Task<ChainResult<TransactionOutcome>> SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : FunctionMessage, new()
    {
        var sent = await _decoder.RunAsync(() => SendInOrderAsync(message, cancellationToken));
        if (!sent.IsSuccess)
        {
            return ChainResult<TransactionOutcome>.Fail(sent.Error);
        }

        return await _decoder.RunAsync(() => WaitForConfirmationAsync(sent.Value, cancellationToken));
    }

    /// <summary>Sends and returns the receipt too, for callers that decode the transaction's events.</summary>
    internal async Task<ChainResult<(TransactionOutcome Outcome, TransactionReceipt Receipt)>> SendWithReceiptAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : FunctionMessage, new()
    {
        var sent = await _decoder.RunAsync(() => SendInOrderAsync(message, cancellationToken));
        if (!sent.IsSuccess)
        {
            return ChainResult<(TransactionOutcome, TransactionReceipt)>.Fail(sent.Error);
        }

        return await _decoder.RunAsync(async () =>
        {
            var receipt = await WaitForReceiptAsync(sent.Value, cancellationToken);
            return (await ConfirmAsync(receipt, cancellationToken), receipt);
        });
    }

    private async Task<string> SendInOrderAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : FunctionMessage, new()
    {
        var handler = _web3.Eth.GetContractTransactionHandler<TMessage>();
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (_nextNonce < 0)
            {
                var pending = await _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(Address, BlockParameter.CreatePending());
                _nextNonce = (long)pending.Value;
            }

            // Estimating first surfaces a revert (decoded as a custom error) before a nonce is spent.
            message.Gas ??= await handler.EstimateGasAsync(_contractAddress, message);
            if (_options.GasPriceWei is { } price)
            {
                message.GasPrice = new HexBigInteger(price);
            }

            message.Nonce = _nextNonce;
            var hash = await handler.SendRequestAsync(_contractAddress, message);
            _nextNonce++;
            return hash;
        }
        catch
        {
            // The node's view of our nonce is the truth after any failure.
            _nextNonce = -1;
            throw;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<TransactionOutcome> WaitForConfirmationAsync(string hash, CancellationToken cancellationToken)
        => await ConfirmAsync(await WaitForReceiptAsync(hash, cancellationToken), cancellationToken);

    private async Task<TransactionReceipt> WaitForReceiptAsync(string hash, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ReceiptTimeout);
        var receipt = await _web3.TransactionReceiptPolling.PollForReceiptAsync(hash, timeout.Token);
        if (receipt.Status?.Value == 0)
        {
            // Mined but reverted: the state changed between the gas estimate and inclusion.
            throw new ChainOperationException(new ChainError(ChainErrorKind.Reverted, "RevertedWhenMined", new Dictionary<string, object?>(), $"transaction {hash} reverted when mined"));
        }

        return receipt;
    }

    private async Task<TransactionOutcome> ConfirmAsync(TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var target = receipt.BlockNumber.Value + _options.Confirmations - 1;
        while ((await _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value < target)
        {
            await Task.Delay(250, cancellationToken);
        }

        var block = await _web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(receipt.BlockNumber);
        _options.Confirmed.Raise((ulong)receipt.BlockNumber.Value);
        return new TransactionOutcome(
            receipt.TransactionHash,
            (ulong)receipt.BlockNumber.Value,
            receipt.BlockHash,
            DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value),
            (ulong)receipt.GasUsed.Value);
    }
}
