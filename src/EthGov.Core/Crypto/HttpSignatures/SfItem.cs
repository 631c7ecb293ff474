namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>An RFC 8941 item: a bare item with its parameters, in the order the field gave them.</summary>
internal sealed record SfItem(SfBareItem Value, IReadOnlyList<SfParameter> Parameters);
