using System.Numerics;
using EthGov.Chain.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Tests.Transactions;

public sealed class ReplacementFeeTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(8, 9)]
    [InlineData(100, 113)]
    [InlineData(1_000_000_000, 1_125_000_000)]
    public void Raise_AddsAnEighthRoundedUpAndAtLeastOneWei(long fee, long raised)
        => Assert.Equal(new BigInteger(raised), ReplacementFee.Raise(new BigInteger(fee)));

    [Fact]
    public void Raise_Legacy_RaisesTheGasPriceToTheNodesPriceWhenThatIsHigher()
    {
        var input = new TransactionInput { GasPrice = new HexBigInteger(1_000), Nonce = new HexBigInteger(7), Data = "0x01" };

        var cheap = ReplacementFee.Raise(input, suggestedGasPrice: 10, null, null);
        var dear = ReplacementFee.Raise(input, suggestedGasPrice: 5_000, null, null);

        Assert.Equal(new BigInteger(1_125), cheap.GasPrice.Value);
        Assert.Equal(new BigInteger(5_000), dear.GasPrice.Value);
        Assert.Equal(input.Nonce.Value, cheap.Nonce.Value);
        Assert.Equal("0x01", cheap.Data);
        Assert.Equal(new BigInteger(1_000), input.GasPrice.Value);
    }

    [Fact]
    public void Raise_Eip1559_RaisesBothFeesAndKeepsThePriorityFeeWithinTheMaximum()
    {
        var input = new TransactionInput { Type = new HexBigInteger(2), MaxFeePerGas = new HexBigInteger(2_000), MaxPriorityFeePerGas = new HexBigInteger(1_000) };

        var raised = ReplacementFee.Raise(input, null, suggestedMaxFee: 1_500, suggestedPriorityFee: 3_000);

        Assert.Equal(new BigInteger(3_000), raised.MaxPriorityFeePerGas.Value);
        Assert.Equal(new BigInteger(3_000), raised.MaxFeePerGas.Value);
        Assert.Null(raised.GasPrice);
    }

    [Fact]
    public void IsFree_OnlyForATransactionThatPaysNothingForGas()
    {
        Assert.True(ReplacementFee.IsFree(new TransactionInput { GasPrice = new HexBigInteger(0) }));
        Assert.False(ReplacementFee.IsFree(new TransactionInput { GasPrice = new HexBigInteger(1) }));
        Assert.False(ReplacementFee.IsFree(new TransactionInput { Type = new HexBigInteger(2), MaxFeePerGas = new HexBigInteger(1), MaxPriorityFeePerGas = new HexBigInteger(0) }));
    }
}
