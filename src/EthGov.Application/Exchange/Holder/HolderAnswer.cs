using EthGov.Core.Exchange;

namespace EthGov.Application.Exchange.Holder;

/// <summary>What the holder answers a node request with; the API turns it into a signed HTTP response.</summary>
/// <param name="Kind">Released, acknowledged, or why not.</param>
/// <param name="Release">The release given (for <see cref="HolderAnswerKind.Released"/>).</param>
/// <param name="Refusal">The protocol's refusal (for <see cref="HolderAnswerKind.Refused"/>).</param>
/// <param name="Detail">What is wrong with the request (for <see cref="HolderAnswerKind.Invalid"/>).</param>
/// <param name="Holder">The holder department the answer is given for, when it is known: it signs the response.</param>
public sealed record HolderAnswer(HolderAnswerKind Kind, JournaledRelease? Release, ExchangeRefusal? Refusal, string? Detail, uint? Holder)
{
    /// <summary>A release, journaled.</summary>
    public static HolderAnswer Released(JournaledRelease release) => new(HolderAnswerKind.Released, release, null, null, release.Holder);

    /// <summary>Receipts answered, each on its own.</summary>
    public static HolderAnswer Acknowledged(ReceiptAnswers receipts) => new(HolderAnswerKind.Acknowledged, null, null, null, receipts.Holder) { Receipts = receipts };

    /// <summary>The answers to a body of receipts (for <see cref="HolderAnswerKind.Acknowledged"/>).</summary>
    public ReceiptAnswers? Receipts { get; init; }

    /// <summary>A refusal of the protocol.</summary>
    public static HolderAnswer Refused(ExchangeRefusal refusal, uint? holder = null) => new(HolderAnswerKind.Refused, null, refusal, refusal.Detail, holder);

    /// <summary>A body that is not a request of the protocol.</summary>
    public static HolderAnswer Invalid(string detail) => new(HolderAnswerKind.Invalid, null, null, detail, null);
}

/// <summary>The kinds of <see cref="HolderAnswer"/>.</summary>
public enum HolderAnswerKind
{
    /// <summary>200 with the release.</summary>
    Released,

    /// <summary>200: the receipts are answered, each on its own.</summary>
    Acknowledged,

    /// <summary>A refusal of the protocol (its status).</summary>
    Refused,

    /// <summary>400: the body is not a request of the protocol.</summary>
    Invalid,

    /// <summary>503: too many live requests to remember their nonces; retry shortly.</summary>
    Busy,
}
