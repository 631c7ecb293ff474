using System.Diagnostics.CodeAnalysis;

namespace EthGov.Application.Nodes;

/// <summary>
/// Either the value another department's node answered or why there is none; HTTP and network failures are not
/// exceptions past <see cref="NodeClient"/>.
/// </summary>
[SuppressMessage("Design", "CA1000", Justification = "NodeAnswer<T>.Ok and Fail name the answer they build at the call site.")]
public readonly record struct NodeAnswer<T>
{
    private NodeAnswer(T? value, NodeFailure? failure, string? detail)
    {
        Value = value;
        Failure = failure;
        Detail = detail;
    }

    /// <summary>The value when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The kind of failure when not <see cref="IsSuccess"/>.</summary>
    public NodeFailure? Failure { get; }

    /// <summary>One sentence saying what went wrong, fit to show in a verification check; null on success.</summary>
    public string? Detail { get; }

    /// <summary>Whether the node answered a usable value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure), nameof(Detail))]
    public bool IsSuccess => Failure is null;

    /// <summary>A usable answer.</summary>
    public static NodeAnswer<T> Ok(T value) => new(value, null, null);

    /// <summary>No usable answer, and why.</summary>
    public static NodeAnswer<T> Fail(NodeFailure failure, string detail) => new(default, failure, detail);
}
