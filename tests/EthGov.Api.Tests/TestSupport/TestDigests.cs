using System.Security.Cryptography;
using EthGov.Core.Digests;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>Fresh random digests, so every test owns its documents.</summary>
public static class TestDigests
{
    /// <summary>A digest no other test uses.</summary>
    public static string New() => new Digest(RandomNumberGenerator.GetBytes(32)).ToString();
}
