using System.Security.Cryptography;
using EthGov.Application.Records;

namespace EthGov.Application.Tests.Records;

public class NodeDataKeyTests
{
    [Fact]
    public void Load_DevKey_IsTheSameEachTimeAndDiffersPerIndex()
    {
        using var first = NodeDataKey.Load("dev:1", 31337UL);
        using var again = NodeDataKey.Load("dev:1", 31337UL);
        using var other = NodeDataKey.Load("dev:2", 31337UL);
        var aad = new byte[32];

        Assert.Equal("x"u8.ToArray(), again.Open(first.Seal("x"u8, aad), aad));
        Assert.Equal(first.PersonKey("A1"), again.PersonKey("a 1"));
        Assert.NotEqual(first.PersonKey("A1"), other.PersonKey("A1"));
        Assert.ThrowsAny<CryptographicException>(() => other.Open(first.Seal("x"u8, aad), aad));
    }

    [Fact]
    public void Load_DevKeyOnAnotherChain_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => NodeDataKey.Load("dev:1", 1UL));
    }

    [Theory]
    [InlineData("dev:10")]
    [InlineData("dev:x")]
    public void Load_UnknownDevKey_Throws(string spec)
    {
        Assert.Throws<ArgumentException>(() => NodeDataKey.Load(spec, 31337UL));
    }

    [Fact]
    public void CreateFile_WritesAnOwnerOnlyFileThatLoadsTheSameKey()
    {
        var folder = Directory.CreateTempSubdirectory("ethgov-datakey-").FullName;
        try
        {
            var path = Path.Combine(folder, "data.key");
            using var created = NodeDataKey.CreateFile(path);
            using var loaded = NodeDataKey.Load(path, 1UL);

            Assert.Equal(created.PersonKey("P"), loaded.PersonKey("P"));
            Assert.Equal(64, File.ReadAllText(path).Trim().Length);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Throws<IOException>(() => NodeDataKey.CreateFile(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Load_FileWithoutAKey_Throws()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a key");
            Assert.Throws<InvalidDataException>(() => NodeDataKey.Load(path, 1UL));
            Assert.Throws<FileNotFoundException>(() => NodeDataKey.Load(path + ".missing", 1UL));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
