using EthGov.Core.Digests;
using EthGov.Core.Receipts;
using EthGov.Core.Verification;

namespace EthGov.Core.Tests.TestSupport;

/// <summary>Chain facts as the chain would report them, for verdict tests.</summary>
internal static class TestFacts
{
    /// <summary>The anchoring transaction of <paramref name="receipt"/>, confirmed as it states.</summary>
    public static AnchoringTransaction Confirmed(Receipt receipt)
        => new(receipt.TransactionHash, true, receipt.BlockNumber, receipt.BlockHash, receipt.Registry, true, true);

    /// <summary>A valid document anchored as <paramref name="receipt"/> states, read at <paramref name="chainNow"/>.</summary>
    public static ChainFacts For(Receipt receipt, DateTimeOffset chainNow) => new()
    {
        Status = DocumentStatus.Valid,
        DepartmentId = receipt.Issuer.Id,
        DepartmentStatus = DepartmentStatus.Active,
        AnchoredAt = receipt.AnchoredAt,
        AnchoredBlock = receipt.BlockNumber,
        ValidUntil = receipt.ValidUntil,
        Successor = Digest.Zero,
        KeyId = 1,
        Transaction = Confirmed(receipt),
        ReadAtBlock = receipt.BlockNumber + 100,
        ReadAtTime = chainNow,
        DepartmentCode = receipt.Issuer.Code,
        DepartmentName = receipt.Issuer.Name,
        ChainId = receipt.ChainId,
        Registry = receipt.Registry,
    };

    /// <summary>A digest the chain does not know, read at block 9000.</summary>
    public static ChainFacts Unknown(DateTimeOffset chainNow) => new()
    {
        Status = DocumentStatus.Unknown,
        ReadAtBlock = 9000,
        ReadAtTime = chainNow,
    };
}
