using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace EthGov.Api.Departments;

/// <summary>The opaque cursor of the key-change list: where the next page starts (below which change id).</summary>
internal static class ChangeCursor
{
    private const string Prefix = "signer-changes:";

    /// <summary>Reads a cursor this list handed out; false for anything else.</summary>
    public static bool TryDecode(string cursor, out BigInteger before)
    {
        before = BigInteger.Zero;
        if (cursor.Length is 0 or > 128 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && ProposalIds.TryParse(text[Prefix.Length..], out before);
    }

    /// <summary>The link to the page that starts below change <paramref name="before"/>: this request's path and query with the cursor.</summary>
    public static string Link(HttpRequest request, BigInteger before)
    {
        var cursor = Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + before.ToString(CultureInfo.InvariantCulture)));
        var query = request.Query.Where(q => !q.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("cursor", cursor));
        return $"{request.PathBase}{request.Path}{QueryString.Create(query)}";
    }
}
