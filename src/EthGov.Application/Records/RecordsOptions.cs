namespace EthGov.Application.Records;

/// <summary>The record store's settings, section <c>EthGov:Records</c>.</summary>
public sealed class RecordsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "EthGov:Records";

    /// <summary>The largest content kept, in bytes (default 1 MiB).</summary>
    public long MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Days the content of an issued record of a kind is kept (<c>EthGov:Records:Retention:birth-certificate = 3650</c>);
    /// a kind not listed, and a file of no kind, is kept until erased by request.
    /// </summary>
    public Dictionary<string, int> Retention { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often the sweeper erases content past its retention (default one hour).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
