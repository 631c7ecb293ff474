using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Transactions;

/// <summary>
/// Fees for a transaction sent again at the same nonce. A node accepts a replacement only when it pays more: geth, Besu
/// and Nethermind ask for 10 % more on every fee field by default, anvil for any increase. Each field is raised by at
/// least 1/8 (12.5 %, and 1 wei), and never set below the node's current suggestion, so one replacement also gets past
/// a base fee that rose while the transaction waited.
/// </summary>
internal static class ReplacementFee
{
    /// <summary>Whether <paramref name="input"/> pays nothing for gas: such a transaction cannot be replaced by fee, only sent again as it is.</summary>
    public static bool IsFree(TransactionInput input) => IsLegacy(input)
        ? (input.GasPrice?.Value ?? BigInteger.Zero).IsZero
        : (input.MaxFeePerGas?.Value ?? BigInteger.Zero).IsZero;

    /// <summary>Whether <paramref name="input"/> is a legacy (gas price) transaction rather than an EIP-1559 one.</summary>
    public static bool IsLegacy(TransactionInput input) => input.MaxFeePerGas is null && input.GasPrice is not null;

    /// <summary>
    /// A copy of <paramref name="input"/> with raised fees: for a legacy transaction the gas price, otherwise the maximum
    /// fee and the priority fee. <paramref name="suggestedGasPrice"/> and the suggested EIP-1559 fees are floors (null
    /// when the node was not asked).
    /// </summary>
    public static TransactionInput Raise(TransactionInput input, BigInteger? suggestedGasPrice, BigInteger? suggestedMaxFee, BigInteger? suggestedPriorityFee)
    {
        var raised = Copy(input);
        if (IsLegacy(input))
        {
            raised.GasPrice = new HexBigInteger(BigInteger.Max(Raise(input.GasPrice!.Value), suggestedGasPrice ?? BigInteger.Zero));
            return raised;
        }

        var priority = BigInteger.Max(Raise(input.MaxPriorityFeePerGas?.Value ?? BigInteger.Zero), suggestedPriorityFee ?? BigInteger.Zero);
        var maxFee = BigInteger.Max(Raise(input.MaxFeePerGas!.Value), suggestedMaxFee ?? BigInteger.Zero);
        raised.MaxPriorityFeePerGas = new HexBigInteger(priority);
        raised.MaxFeePerGas = new HexBigInteger(BigInteger.Max(maxFee, priority));
        return raised;
    }

    /// <summary>The fee a log line shows: the gas price, or the maximum fee per gas, in wei.</summary>
    public static string Describe(TransactionInput input) => IsLegacy(input)
        ? $"gas price {input.GasPrice!.Value} wei"
        : $"max fee {input.MaxFeePerGas?.Value} wei, priority fee {input.MaxPriorityFeePerGas?.Value} wei";

    /// <summary><paramref name="fee"/> plus an eighth, rounded up, and at least 1 wei more.</summary>
    public static BigInteger Raise(BigInteger fee) => fee + BigInteger.Max(BigInteger.One, (fee + 7) / 8);

    private static TransactionInput Copy(TransactionInput input) => new()
    {
        From = input.From,
        To = input.To,
        Data = input.Data,
        Value = input.Value,
        Gas = input.Gas,
        Nonce = input.Nonce,
        Type = input.Type,
        ChainId = input.ChainId,
        AccessList = input.AccessList,
        GasPrice = input.GasPrice,
        MaxFeePerGas = input.MaxFeePerGas,
        MaxPriorityFeePerGas = input.MaxPriorityFeePerGas,
    };
}
