using EthGov.Testing;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>The page fixture on a node with small bulk-job limits, which the page must learn from the node.</summary>
public sealed class BulkLimitsPageFixture : PageFixture
{
    /// <summary>Most items in one job on this node.</summary>
    public const int MaxJobItems = 4;

    /// <summary>Most items in one chunk on this node.</summary>
    public const int MaxChunkItems = 2;

    /// <inheritdoc />
    protected override void Configure(ApiSettings settings)
    {
        settings.Settings["EthGov:BulkJobs:MaxJobItems"] = MaxJobItems.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings.Settings["EthGov:BulkJobs:MaxChunkItems"] = MaxChunkItems.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The bulk-limit page tests: their own node, run after the shared one is done (the assembly runs collections one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class BulkLimitsPageCollection : ICollectionFixture<BulkLimitsPageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "bulk limits page";
}
