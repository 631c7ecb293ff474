using System.Security.Cryptography;
using EthGov.Core.Digests;

namespace EthGov.Core.Tests.Digests;

public class DocumentHasherTests
{
    [Fact]
    public void Hash_EmptyStream_IsSha256OfNothing()
    {
        using var empty = new MemoryStream();

        Assert.Equal(
            "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            DocumentHasher.Hash(empty).ToString());
    }

    [Fact]
    public void Hash_Abc_MatchesKnownVector()
    {
        Assert.Equal(
            "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            DocumentHasher.Hash("abc"u8).ToString());
    }

    [Fact]
    public async Task HashFileAsync_FileLargerThanOneChunk_EqualsSha256OfContent()
    {
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(41).NextBytes(content);
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, content);

            var expected = new Digest(SHA256.HashData(content));
            Assert.Equal(expected, await DocumentHasher.HashFileAsync(path));
            Assert.Equal(expected, DocumentHasher.HashFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task HashAsync_StreamThatReturnsShortReads_EqualsHashOfWholeContent()
    {
        var content = new byte[200_000];
        new Random(42).NextBytes(content);
        await using var stream = new TrickleStream(content, maxRead: 997);

        Assert.Equal(new Digest(SHA256.HashData(content)), await DocumentHasher.HashAsync(stream));
    }

    [Fact]
    public void Hash_StartsAtCurrentPosition()
    {
        var content = "headerbody"u8.ToArray();
        using var stream = new MemoryStream(content);
        stream.Position = 6;

        Assert.Equal(DocumentHasher.Hash("body"u8), DocumentHasher.Hash(stream));
    }

    // A stream that never returns more than a few bytes per read, like a slow network stream.
    private sealed class TrickleStream(byte[] content, int maxRead) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxRead));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);
    }
}
