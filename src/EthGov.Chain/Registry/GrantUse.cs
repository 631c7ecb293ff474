namespace EthGov.Chain.Registry;

/// <summary>What the grantee's node may do with a record it obtained under a grant (the contract's <c>GrantUse</c>).</summary>
public enum GrantUse
{
    /// <summary>Show the content once and keep nothing.</summary>
    ViewOnce,

    /// <summary>Keep the content for the grant's retention period.</summary>
    Store,
}
