namespace EthGov.Chain.Abi;

/// <summary>Why a chain operation did not succeed, in terms a caller can act on.</summary>
public enum ChainErrorKind
{
    /// <summary>The contract reverted with one of its custom errors (see <see cref="ChainError.Name"/>).</summary>
    Reverted,

    /// <summary>The node could not be reached or did not answer in time: retry later.</summary>
    Unavailable,

    /// <summary>The node answered with an error that is not a contract revert.</summary>
    Rejected,
}

/// <summary>A decoded failure: for reverts, the custom error's name and arguments by parameter name.</summary>
public sealed record ChainError(ChainErrorKind Kind, string Name, IReadOnlyDictionary<string, object?> Arguments, string Message)
{
    /// <summary>A node that cannot be reached.</summary>
    public static ChainError Unavailable(string message) => new(ChainErrorKind.Unavailable, "Unavailable", new Dictionary<string, object?>(), message);

    /// <summary>An error the node reported that is not a revert of the contract.</summary>
    public static ChainError Rejected(string message) => new(ChainErrorKind.Rejected, "Rejected", new Dictionary<string, object?>(), message);

    /// <inheritdoc />
    public override string ToString() => Kind == ChainErrorKind.Reverted
        ? $"{Name}({string.Join(", ", Arguments.Select(a => $"{a.Key}={a.Value}"))})"
        : Message;
}
