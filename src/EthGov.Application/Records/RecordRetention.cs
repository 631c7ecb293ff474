namespace EthGov.Application.Records;

/// <summary>
/// When the content of a record is erased: the days its kind is kept for (<see cref="RecordsOptions.Retention"/>) after it
/// was kept, or the date it carries (a received record's, from its grant's terms). Past it the sweeper erases the content
/// and keeps the tombstone.
/// </summary>
public sealed class RecordRetention(RecordsOptions options)
{
    /// <summary>
    /// The date a record of <paramref name="kind"/> kept at <paramref name="keptAt"/> is erased: <paramref name="stated"/>
    /// when given, otherwise its kind's retention, otherwise null (kept until erased by request).
    /// </summary>
    public DateTimeOffset? RetainUntil(string? kind, DateTimeOffset keptAt, DateTimeOffset? stated = null)
    {
        if (stated is not null)
        {
            return stated;
        }

        return kind is not null && options.Retention.TryGetValue(kind, out var days) && days > 0
            ? keptAt.AddDays(days)
            : null;
    }
}
