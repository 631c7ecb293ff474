using System.Buffers.Text;
using System.Globalization;
using System.Text;
using EthGov.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EthGov.Api.Paging;

/// <summary>
/// What page a caller asked for: the position after which it starts (from an opaque <c>cursor</c> this list handed
/// out, null for the first page) and how many items it holds (<c>pageSize</c>, 1 to the list's maximum).
/// </summary>
/// <param name="After">The position of the last item of the previous page, or null for the first page.</param>
/// <param name="Size">Items on the page.</param>
public sealed record PageRequest(long[]? After, int Size)
{
    /// <summary>Items on a page when the caller gives no <c>pageSize</c>.</summary>
    public const int DefaultSize = 50;

    /// <summary>The most items on one page of most lists.</summary>
    public const int MaxSize = 500;

    // A cursor is a few numbers; anything longer was not handed out by a list.
    private const int MaxCursorLength = 128;

    /// <summary>
    /// Reads <paramref name="cursor"/> and <paramref name="pageSize"/> for the list <paramref name="list"/>, whose
    /// positions have <paramref name="positionParts"/> numbers; null and a problem when either is not valid.
    /// </summary>
    public static PageRequest? Read(string? cursor, int? pageSize, string list, int positionParts, out ProblemHttpResult? problem, int maxSize = MaxSize)
    {
        problem = null;
        if (pageSize is < 1 || pageSize > maxSize)
        {
            problem = Problems.Problems.InvalidRequest(PagingTexts.PageSize1ToItemsPerPage.With(maxSize));
            return null;
        }

        if (cursor is null)
        {
            return new PageRequest(null, pageSize ?? DefaultSize);
        }

        if (Decode(cursor, list, positionParts) is not { } after)
        {
            problem = Problems.Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidCursor, "The cursor is not valid",
                PagingTexts.CursorPassTheCursorOfA);
            return null;
        }

        return new PageRequest(after, pageSize ?? DefaultSize);
    }

    /// <summary>The opaque cursor of the position <paramref name="position"/> in <paramref name="list"/>.</summary>
    public static string Encode(string list, params long[] position)
        => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(list + ":" + string.Join(':', position.Select(p => p.ToString(CultureInfo.InvariantCulture)))));

    /// <summary>
    /// The page of <paramref name="fetched"/> (read with <see cref="Size"/> + 1 items, to learn whether more follow) and
    /// its next link: <paramref name="request"/>'s own path and query with the cursor after the page's last item.
    /// </summary>
    public Page<T> ToPage<T>(IReadOnlyList<T> fetched, HttpRequest request, string list, Func<T, long[]> positionOf)
    {
        if (fetched.Count <= Size)
        {
            return new Page<T>(fetched, null);
        }

        var items = fetched.Take(Size).ToArray();
        return new Page<T>(items, NextLink(request, list, positionOf(items[^1])));
    }

    /// <summary>
    /// The link to the page of <paramref name="list"/> after <paramref name="position"/>: <paramref name="request"/>'s own
    /// path and query with that cursor. For lists that learn where the next page starts without reading one item more.
    /// </summary>
    public static string NextLink(HttpRequest request, string list, params long[] position)
    {
        var query = request.Query.Where(q => !q.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("cursor", Encode(list, position)));
        return $"{request.PathBase}{request.Path}{QueryString.Create(query)}";
    }

    private static long[]? Decode(string cursor, string list, int parts)
    {
        if (cursor.Length is 0 or > MaxCursorLength)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[MaxCursorLength];
        if (!Base64Url.IsValid(cursor) || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(bytes[..written]).Split(':');
        if (text.Length != parts + 1 || text[0] != list)
        {
            return null;
        }

        var position = new long[parts];
        for (int i = 0; i < parts; i++)
        {
            if (!long.TryParse(text[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out position[i]))
            {
                return null;
            }
        }

        return position;
    }
}
