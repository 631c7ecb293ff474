namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>One RFC 8941 bare item: an integer, decimal, string, token, byte sequence or boolean.</summary>
internal readonly record struct SfBareItem
{
    private SfBareItem(SfItemKind kind, long integer, decimal number, string? text, byte[]? bytes, bool flag)
    {
        Kind = kind;
        Integer = integer;
        Decimal = number;
        Text = text;
        Bytes = bytes;
        Boolean = flag;
    }

    public SfItemKind Kind { get; }

    public long Integer { get; }

    public decimal Decimal { get; }

    /// <summary>The characters of a string or a token.</summary>
    public string? Text { get; }

    public byte[]? Bytes { get; }

    public bool Boolean { get; }

    public static SfBareItem OfInteger(long value) => new(SfItemKind.Integer, value, 0, null, null, false);

    public static SfBareItem OfDecimal(decimal value) => new(SfItemKind.Decimal, 0, value, null, null, false);

    public static SfBareItem OfString(string value) => new(SfItemKind.String, 0, 0, value, null, false);

    public static SfBareItem OfToken(string value) => new(SfItemKind.Token, 0, 0, value, null, false);

    public static SfBareItem OfBytes(byte[] value) => new(SfItemKind.ByteSequence, 0, 0, null, value, false);

    public static SfBareItem OfBoolean(bool value) => new(SfItemKind.Boolean, 0, 0, null, null, value);

    /// <summary>How the item is named in a sentence about it ("an integer", "a token").</summary>
    public string Describe() => Kind switch
    {
        SfItemKind.Integer => "an integer",
        SfItemKind.Decimal => "a decimal",
        SfItemKind.String => "a string",
        SfItemKind.Token => "a token",
        SfItemKind.ByteSequence => "a byte sequence",
        _ => "a boolean",
    };
}
