using System.Security.Cryptography;
using System.Text;
using EthGov.Core.Digests;

namespace EthGov.LoadTest.Chain;

/// <summary>Distinct digests per scenario, so no run anchors what another already anchored.</summary>
internal static class BenchDigests
{
    public static Digest[] For(string scenario, int count)
    {
        var digests = new Digest[count];
        for (int i = 0; i < count; i++)
        {
            digests[i] = new Digest(SHA256.HashData(Encoding.UTF8.GetBytes($"{scenario}:{i}")));
        }

        return digests;
    }
}
