using EthGov.Testing;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>The page fixture on a node that requires a second clerk for every revocation and supersession.</summary>
public sealed class FourEyesPageFixture : PageFixture
{
    /// <inheritdoc />
    protected override void Configure(ApiSettings settings) => settings.Settings["EthGov:Workspace:RevocationApprovals"] = "1";
}

/// <summary>The four-eyes page tests: their own node, run after the shared one is done (the assembly runs collections one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class FourEyesPageCollection : ICollectionFixture<FourEyesPageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "four-eyes page";
}
