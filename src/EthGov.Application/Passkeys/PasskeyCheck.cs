using System.Diagnostics.CodeAnalysis;

namespace EthGov.Application.Passkeys;

/// <summary>The outcome of checking a passkey's answer: the value it gave, or why it was refused.</summary>
/// <typeparam name="T">What a passing answer gives.</typeparam>
[SuppressMessage("Design", "CA1000", Justification = "PasskeyCheck<T>.Pass and Refuse name the result they build at the call site.")]
public readonly record struct PasskeyCheck<T>
    where T : class
{
    private PasskeyCheck(T? value, PasskeyRefusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>The value, when the answer passed.</summary>
    public T? Value { get; }

    /// <summary>Why it was refused, or null when it passed.</summary>
    public PasskeyRefusal? Refusal { get; }

    /// <summary>Whether it passed.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Passed => Refusal is null;

    /// <summary>A passing answer.</summary>
    public static PasskeyCheck<T> Pass(T value) => new(value, null);

    /// <summary>A refused answer.</summary>
    public static PasskeyCheck<T> Refuse(PasskeyRefusal refusal) => new(null, refusal);
}
