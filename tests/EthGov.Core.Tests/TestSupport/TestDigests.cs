using EthGov.Core.Digests;

namespace EthGov.Core.Tests.TestSupport;

/// <summary>Digests for tests: random from a seed the test names, so every test owns its data and reruns are identical.</summary>
internal static class TestDigests
{
    public static Digest[] Random(int count, int seed)
    {
        var random = new System.Random(seed);
        var bytes = new byte[Digest.Size];
        var digests = new Digest[count];
        for (int i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            digests[i] = new Digest(bytes);
        }

        return digests;
    }

    public static Digest One(int seed) => Random(1, seed)[0];

    /// <summary>0x000...0n: readable fixed values for vectors computed once with the npm library.</summary>
    public static Digest Small(int value) => Digest.Parse("0x" + value.ToString("x64"));
}
