using EthGov.Chain.Abi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace EthGov.Chain.Transactions;

/// <summary>
/// Sends the registry's transactions for one signer: nonces assigned here in order, fees that work on Hardhat and on a
/// zero-gas-price Besu network, and receipts awaited, then handed to a <see cref="TransactionConfirmation"/> that waits
/// for the configured number of confirmations. It assumes nothing of the node's pool: a nonce gap (a reorganisation
/// that undid mined transactions, a transaction dropped from the pool, a node restarted with an empty pool) or an
/// overdue receipt is detected while waiting and repaired, and logged (see <see cref="SignerNonces"/>). When the chain
/// shows its key used by a transaction this process did not sign, it stops sending (<see cref="Stopped"/>). Reverts come
/// back decoded, never as exceptions.
/// </summary>
public sealed class TransactionSender
{
    private static readonly TimeSpan s_receiptPoll = TimeSpan.FromMilliseconds(100);
    private readonly Web3 _web3;
    private readonly ChainOptions _options;
    private readonly RevertDecoder _decoder;
    private readonly string _contractAddress;
    private readonly SignerNonces _nonces;
    private readonly TransactionConfirmation _confirmation;

    /// <summary>
    /// Creates a sender for <paramref name="account"/> against the contract at <paramref name="contractAddress"/> that
    /// confirms through <paramref name="confirmation"/>; gaps and repairs are logged to <paramref name="logger"/>. With
    /// <paramref name="fence"/>, it sends only while the fence lets it, each nonce reserved there first.
    /// </summary>
    public TransactionSender(EthGov.Chain.Keys.SignerKey account, ChainOptions options, RevertDecoder decoder, string contractAddress, TransactionConfirmation confirmation, ILogger? logger = null, INonceFence? fence = null)
    {
        _options = options;
        _confirmation = confirmation;
        _decoder = decoder;
        _contractAddress = contractAddress;
        Address = account.Address;
        _web3 = ChainConnection.CreateWeb3(options, account);
        _web3.TransactionManager.UseLegacyAsDefault = options.GasPriceWei is not null;
        _nonces = new SignerNonces(_web3, options, logger ?? NullLogger.Instance, Address, fence);
    }

    /// <summary>The signer's address.</summary>
    public string Address { get; }

    /// <summary>Why the sender stopped sending (another process sends with its key), or null while it sends.</summary>
    public SenderStop? Stopped => _nonces.Stopped;

    /// <summary>The Nethereum client bound to the signer (for calls within the Chain layer).</summary>
    internal Web3 Web3 => _web3;

    /// <summary>Sends <paramref name="message"/> to the registry and waits for it to be confirmed.</summary>
    public async Task<ChainResult<TransactionOutcome>> SendAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : FunctionMessage, new()
    {
        var function = typeof(TMessage).Name;
        var sent = await _decoder.RunAsync(() => SendInOrderAsync(message, cancellationToken));
        if (!sent.IsSuccess)
        {
            TransactionMetrics.Failed(function, "send", sent.Error);
            return ChainResult<TransactionOutcome>.Fail(sent.Error);
        }

        TransactionMetrics.Sent(function);
        var confirmed = await _decoder.RunAsync(async () => await _confirmation.ConfirmAsync(_web3, await WaitForReceiptAsync(sent.Value, cancellationToken), _options.Confirmations, cancellationToken));
        Count(function, confirmed.IsSuccess ? confirmed.Value : null, confirmed.IsSuccess ? null : confirmed.Error);
        return confirmed;
    }

    /// <summary>Sends and returns the receipt too, for callers that decode the transaction's events.</summary>
    internal async Task<ChainResult<(TransactionOutcome Outcome, TransactionReceipt Receipt)>> SendWithReceiptAsync<TMessage>(TMessage message, CancellationToken cancellationToken = default)
        where TMessage : FunctionMessage, new()
    {
        var function = typeof(TMessage).Name;
        var sent = await _decoder.RunAsync(() => SendInOrderAsync(message, cancellationToken));
        if (!sent.IsSuccess)
        {
            TransactionMetrics.Failed(function, "send", sent.Error);
            return ChainResult<(TransactionOutcome, TransactionReceipt)>.Fail(sent.Error);
        }

        TransactionMetrics.Sent(function);
        var confirmed = await _decoder.RunAsync(async () =>
        {
            var receipt = await WaitForReceiptAsync(sent.Value, cancellationToken);
            return (await _confirmation.ConfirmAsync(_web3, receipt, _options.Confirmations, cancellationToken), receipt);
        });
        Count(function, confirmed.IsSuccess ? confirmed.Value.Item1 : null, confirmed.IsSuccess ? null : confirmed.Error);
        return confirmed;
    }

    private static void Count(string function, TransactionOutcome? outcome, ChainError? error)
    {
        if (outcome is not null)
        {
            TransactionMetrics.Confirmed(function, outcome.GasUsed);
        }
        else if (error is not null)
        {
            TransactionMetrics.Failed(function, "confirm", error);
        }
    }

    private Task<SentTransaction> SendInOrderAsync<TMessage>(TMessage message, CancellationToken cancellationToken)
        where TMessage : FunctionMessage, new()
    {
        var handler = _web3.Eth.GetContractTransactionHandler<TMessage>();
        return _nonces.SendAsync(typeof(TMessage).Name, async () =>
        {
            // Estimating first surfaces a revert (decoded as a custom error) before a nonce is spent.
            message.Gas ??= await handler.EstimateGasAsync(_contractAddress, message);
            if (_options.GasPriceWei is { } price)
            {
                message.GasPrice = new HexBigInteger(price);
            }

            message.FromAddress = Address;
            return message.CreateTransactionInput(_contractAddress);
        }, cancellationToken);
    }

    /// <summary>
    /// Polls for a receipt of any hash sent at the transaction's nonce, checking for gaps between polls. A node that does
    /// not answer is waited for (the transaction may still be mined) until <see cref="ChainOptions.ReceiptTimeout"/>.
    /// </summary>
    private async Task<TransactionReceipt> WaitForReceiptAsync(SentTransaction sent, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + _options.ReceiptTimeout;
        bool settled = false;
        try
        {
            while (true)
            {
                try
                {
                    // Read before the receipts: when the chain had passed the nonce, one of ours is mined or none is.
                    bool passed = sent.Passed;
                    foreach (var hash in sent.Hashes)
                    {
                        var receipt = await _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash);
                        if (receipt is not null)
                        {
                            _nonces.Settle(sent, receipt.TransactionHash);
                            settled = true;
                            return Succeeded(receipt);
                        }
                    }

                    if (passed)
                    {
                        throw new ChainOperationException(await _nonces.TakenAsync(sent));
                    }

                    await _nonces.CheckAsync(cancellationToken);
                }
                catch (Exception ex) when (_decoder.Decode(ex) is { Kind: ChainErrorKind.Unavailable, Name: not SenderStop.ErrorName })
                {
                    // The node is unreachable for now; the transaction may be mined all the same.
                }

                if (DateTimeOffset.UtcNow >= deadline)
                {
                    _nonces.ReportTimeout(sent);
                    throw new ChainOperationException(ChainError.Unavailable($"no receipt for transaction {sent.Hash} (nonce {sent.Nonce}) within {_options.ReceiptTimeout}"));
                }

                await Task.Delay(s_receiptPoll, cancellationToken);
            }
        }
        finally
        {
            if (!settled)
            {
                _nonces.Abandon(sent);
            }
        }
    }

    private static TransactionReceipt Succeeded(TransactionReceipt receipt)
    {
        if (receipt.Status?.Value == 0)
        {
            // Mined but reverted: the state changed between the gas estimate and inclusion.
            throw new ChainOperationException(new ChainError(ChainErrorKind.Reverted, "RevertedWhenMined", new Dictionary<string, object?>(), $"transaction {receipt.TransactionHash} reverted when mined"));
        }

        return receipt;
    }
}
