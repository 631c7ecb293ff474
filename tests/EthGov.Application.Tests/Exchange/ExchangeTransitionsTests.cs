using EthGov.Application.Exchange.Grantee;

namespace EthGov.Application.Tests.Exchange;

/// <summary>The exchange's state machine: requested → logged → released → verified, or refused; never back, never out of a final state.</summary>
public sealed class ExchangeTransitionsTests
{
    public static TheoryData<ExchangeState, ExchangeState, bool> Matrix()
    {
        var allowed = new HashSet<(ExchangeState, ExchangeState)>
        {
            (ExchangeState.Requested, ExchangeState.Logged),
            (ExchangeState.Logged, ExchangeState.Released),
            (ExchangeState.Released, ExchangeState.Verified),
            (ExchangeState.Requested, ExchangeState.Refused),
            (ExchangeState.Logged, ExchangeState.Refused),
            (ExchangeState.Released, ExchangeState.Refused),
        };
        var data = new TheoryData<ExchangeState, ExchangeState, bool>();
        foreach (var from in Enum.GetValues<ExchangeState>())
        {
            foreach (var to in Enum.GetValues<ExchangeState>())
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void IsAllowed_EveryPairOfStates_OnlyForwardMovesAndRefusalsOfUnfinishedExchanges(ExchangeState from, ExchangeState to, bool expected)
        => Assert.Equal(expected, ExchangeTransitions.IsAllowed(from, to));

    [Fact]
    public void IsFinal_VerifiedAndRefusedOnly()
        => Assert.Equal([ExchangeState.Verified, ExchangeState.Refused], Enum.GetValues<ExchangeState>().Where(ExchangeTransitions.IsFinal));
}
