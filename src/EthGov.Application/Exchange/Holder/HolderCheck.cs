using System.Diagnostics.CodeAnalysis;
using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Holder;

/// <summary>The result of one of the holder's check phases: what passed, or the refusal, or that the node is too busy to check.</summary>
/// <typeparam name="T">What a passed check gives.</typeparam>
[SuppressMessage("Design", "CA1000", Justification = "HolderCheck<T>.Pass and Refuse name the result they build at the call site.")]
public readonly record struct HolderCheck<T>
    where T : class
{
    private HolderCheck(T? value, ExchangeRefusal? refusal, bool busy)
    {
        Value = value;
        Refusal = refusal;
        IsBusy = busy;
    }

    /// <summary>What passed, when it did.</summary>
    public T? Value { get; }

    /// <summary>Why the request is refused, when it is.</summary>
    public ExchangeRefusal? Refusal { get; }

    /// <summary>True when the node holds as many live nonces as it may: retry shortly (nothing was checked to the end).</summary>
    public bool IsBusy { get; }

    /// <summary>True when the check passed.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool Passed => Value is not null;

    /// <summary>A passed check.</summary>
    public static HolderCheck<T> Pass(T value) => new(value, null, false);

    /// <summary>A refusal for <paramref name="reason"/>.</summary>
    public static HolderCheck<T> Refuse(string reason, string detail) => new(null, new ExchangeRefusal(reason, detail), false);

    /// <summary>A refusal.</summary>
    public static HolderCheck<T> Refuse(ExchangeRefusal refusal) => new(null, refusal, false);

    /// <summary>The node is too busy.</summary>
    public static HolderCheck<T> Busy() => new(null, null, true);
}
