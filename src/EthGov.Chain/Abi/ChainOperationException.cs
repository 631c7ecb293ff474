namespace EthGov.Chain.Abi;

/// <summary>Thrown by <see cref="ChainResult{T}.Unwrap"/>: carries the decoded error, never raw revert data.</summary>
public sealed class ChainOperationException(ChainError error) : Exception(error.ToString())
{
    /// <summary>The decoded error.</summary>
    public ChainError Error { get; } = error;
}
