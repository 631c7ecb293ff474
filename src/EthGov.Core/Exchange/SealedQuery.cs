namespace EthGov.Core.Exchange;

/// <summary>
/// A kind query's person identifier, sealed with HPKE to the holder's published encryption key (info
/// <see cref="ReleaseContext.QueryInfo"/>), so that only the holder reads it and it never reaches the chain.
/// </summary>
/// <param name="enc">The HPKE encapsulated key (65 bytes; base64 in JSON).</param>
/// <param name="ciphertext">The sealed query with its 16-byte tag (base64 in JSON).</param>
/// <remarks>A class, not a record: a record's equality would compare the arrays by reference.</remarks>
public sealed class SealedQuery(byte[] enc, byte[] ciphertext)
{
    /// <summary>The HPKE encapsulated key.</summary>
    public byte[] Enc { get; } = enc;

    /// <summary>The ciphertext.</summary>
    public byte[] Ciphertext { get; } = ciphertext;

    /// <summary>
    /// The query digest an <see cref="AccessEntry"/> carries: SHA-256 of <c>enc || ciphertext</c>, so the log binds the
    /// exact sealed query and the holder answers only the query the grantee logged.
    /// </summary>
    public Digests.Digest Digest()
    {
        var bytes = new byte[Enc.Length + Ciphertext.Length];
        Enc.CopyTo(bytes, 0);
        Ciphertext.CopyTo(bytes, Enc.Length);
        return new Digests.Digest(System.Security.Cryptography.SHA256.HashData(bytes));
    }
}
