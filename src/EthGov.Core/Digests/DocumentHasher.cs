using System.Buffers;
using System.Security.Cryptography;

namespace EthGov.Core.Digests;

/// <summary>
/// Computes a document's digest: SHA-256 of its exact bytes (docs/decisions.md, decision 1), so anyone can
/// reproduce it with <c>sha256sum</c> or WebCrypto.
/// </summary>
/// <remarks>
/// Documents can be large scans; the content is streamed through an incremental hash in fixed-size
/// pooled chunks and never held in memory whole.
/// </remarks>
public static class DocumentHasher
{
    // Large enough that per-read overhead is negligible, small enough to stay out of the LOH.
    private const int ChunkSize = 64 * 1024;

    /// <summary>Digest of bytes already in memory.</summary>
    public static Digest Hash(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[Digest.Size];
        SHA256.HashData(content, hash);
        return new Digest(hash);
    }

    /// <summary>Digest of everything from the stream's current position to its end.</summary>
    public static Digest Hash(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = content.Read(buffer, 0, ChunkSize)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }

            return Finish(sha);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Digest of everything from the stream's current position to its end.</summary>
    public static async Task<Digest> HashAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }

            return Finish(sha);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Digest of the file at <paramref name="path"/>.</summary>
    public static Digest HashFile(string path)
    {
        using var file = OpenForHashing(path, FileOptions.SequentialScan);
        return Hash(file);
    }

    /// <summary>Digest of the file at <paramref name="path"/>.</summary>
    public static async Task<Digest> HashFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = OpenForHashing(path, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            return await HashAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    // bufferSize 0: the hasher reads in its own chunks, a FileStream buffer would only add a copy.
    private static FileStream OpenForHashing(string path, FileOptions options) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, options);

    private static Digest Finish(IncrementalHash sha)
    {
        Span<byte> hash = stackalloc byte[Digest.Size];
        sha.GetHashAndReset(hash);
        return new Digest(hash);
    }
}
