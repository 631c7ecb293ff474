namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>The kinds of bare item in RFC 8941 structured fields.</summary>
internal enum SfItemKind
{
    Integer,
    Decimal,
    String,
    Token,
    ByteSequence,
    Boolean,
}
