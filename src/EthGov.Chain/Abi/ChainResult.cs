using System.Diagnostics.CodeAnalysis;

namespace EthGov.Chain.Abi;

/// <summary>Either the value of a chain operation or the decoded reason it failed; reverts are not exceptions past this layer.</summary>
[SuppressMessage("Design", "CA1000", Justification = "ChainResult<T>.Ok and Fail name the result they build at the call site.")]
public readonly record struct ChainResult<T>
{
    private ChainResult(T? value, ChainError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The failure when not <see cref="IsSuccess"/>.</summary>
    public ChainError? Error { get; }

    /// <summary>Whether the operation succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A success.</summary>
    public static ChainResult<T> Ok(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static ChainResult<T> Fail(ChainError error) => new(default, error);

    /// <summary>The value, or an exception carrying the decoded error (for callers such as the CLI that stop at the first failure).</summary>
    public T Unwrap() => IsSuccess ? Value : throw new ChainOperationException(Error);
}
