namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>One RFC 8941 parameter: a key and a bare item (true when the field gave no value).</summary>
internal readonly record struct SfParameter(string Key, SfBareItem Value);
