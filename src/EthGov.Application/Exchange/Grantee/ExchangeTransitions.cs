namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// The moves an exchange may make, in one place: the store refuses any other, so that no path (a retry after a crash,
/// a late answer of the holder) can take an exchange back, or refuse one whose content was already verified.
/// </summary>
public static class ExchangeTransitions
{
    /// <summary>Whether an exchange in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool IsAllowed(ExchangeState from, ExchangeState to) => (from, to) switch
    {
        (ExchangeState.Requested, ExchangeState.Logged) => true,
        (ExchangeState.Logged, ExchangeState.Released) => true,
        (ExchangeState.Released, ExchangeState.Verified) => true,
        (ExchangeState.Verified, _) => false,
        (ExchangeState.Refused, _) => false,
        (_, ExchangeState.Refused) => true,
        _ => false,
    };

    /// <summary>Whether the exchange is finished (verified or refused): no worker touches it again.</summary>
    public static bool IsFinal(ExchangeState state) => state is ExchangeState.Verified or ExchangeState.Refused;
}
