namespace EthGov.Api.Exchanges;

/// <summary>A signed request as it went to a holder's node: where, with which header fields, and its body (for the evidence file).</summary>
/// <param name="Url">The URL it was sent to.</param>
/// <param name="Headers">The header fields the signature covers or carries.</param>
/// <param name="Body">The body.</param>
public sealed record SentRequest(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
