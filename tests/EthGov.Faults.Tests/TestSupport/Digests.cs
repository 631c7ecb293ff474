using System.Security.Cryptography;
using EthGov.Core.Digests;

namespace EthGov.Faults.Tests.TestSupport;

/// <summary>Fresh random digests, so every test owns its documents.</summary>
public static class Digests
{
    /// <summary>A digest no other test uses, as the API writes it.</summary>
    public static string New() => new Digest(RandomNumberGenerator.GetBytes(32)).ToString();
}
