namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// Bounds on what the verifier reads from <c>Signature-Input</c>, <c>Signature</c> and <c>Content-Digest</c>
/// before it gives up: a hostile sender controls these fields, and each bound keeps the work spent on one
/// request small and independent of what the sender chose to send.
/// </summary>
/// <remarks>
/// The defaults leave room for several signatures on one message (an intermediary may add its own) and
/// for every component a node request covers, and are far beyond what EthGov itself sends.
/// </remarks>
public sealed record HttpSignatureLimits
{
    /// <summary>The defaults.</summary>
    public static HttpSignatureLimits Default { get; } = new();

    /// <summary>Longest field value read, in characters, after its lines are combined.</summary>
    public int MaxFieldLength { get; init; } = 8192;

    /// <summary>Most members (signature labels) in one dictionary field.</summary>
    public int MaxLabels { get; init; } = 8;

    /// <summary>Most covered components in one signature.</summary>
    public int MaxComponents { get; init; } = 32;

    /// <summary>Most parameters on one item or inner list.</summary>
    public int MaxParameters { get; init; } = 16;

    /// <summary>Longest string, token or key, in characters.</summary>
    public int MaxStringLength { get; init; } = 512;

    /// <summary>Longest byte sequence, in characters of its base64 form.</summary>
    public int MaxByteSequenceLength { get; init; } = 1024;
}
