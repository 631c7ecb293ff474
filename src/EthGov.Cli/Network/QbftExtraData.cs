using Nethereum.RLP;

namespace EthGov.Cli.Network;

/// <summary>
/// The <c>extraData</c> of a QBFT genesis block that names its validators (block header validator selection):
/// RLP([32 zero bytes of vanity, [validator addresses], no vote, round 0, no seals]), as Besu writes it.
/// </summary>
public static class QbftExtraData
{
    /// <summary>Encodes <paramref name="validators"/> (addresses, in the order given) as <c>0x</c> + hex.</summary>
    public static string Encode(IEnumerable<string> validators)
    {
        var encoded = RLP.EncodeList(
            RLP.EncodeElement(new byte[32]),
            RLP.EncodeList([.. validators.Select(v => RLP.EncodeElement(Convert.FromHexString(v[2..])))]),
            RLP.EncodeList(),
            RLP.EncodeElement([]),
            RLP.EncodeList());
        return "0x" + Convert.ToHexStringLower(encoded);
    }

    /// <summary>The validator addresses that <paramref name="extraData"/> names (lowercase <c>0x</c> + hex).</summary>
    public static IReadOnlyList<string> DecodeValidators(string extraData)
    {
        var decoded = (RLPCollection)RLP.Decode(Convert.FromHexString(extraData[2..]));
        var validators = (RLPCollection)decoded[1];
        return [.. validators.Select(v => "0x" + Convert.ToHexStringLower(v.RLPData))];
    }
}
