namespace EthGov.Application.Exchange.Grantee;

/// <summary>
/// What the exchange worker needs to choose the next steps among the due exchanges, read without the rest of each row:
/// most due rows are already being stepped or wait for the block after their log, and reading every column of each
/// (proofs, sealed queries) at every round cost more than the steps themselves.
/// </summary>
/// <param name="Id">The exchange's id on this node.</param>
/// <param name="Department">The grantee department.</param>
/// <param name="Holder">The holder department.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">Attempts of its current step.</param>
/// <param name="LogBlock">The block of its access log's transaction, once logged.</param>
/// <param name="UpdatedAt">When its state or attempts last changed.</param>
public readonly record struct DueExchange(long Id, uint Department, uint Holder, ExchangeState State, int Attempts, ulong? LogBlock, DateTimeOffset UpdatedAt);
