namespace EthGov.Chain.Registry;

/// <summary>Who may revoke a grant: the flags of the contract's <c>GrantTerms.revocableBy</c>.</summary>
[Flags]
public enum GrantRevokers
{
    /// <summary>Neither side (the quorum may still revoke a suspended grantor's grants).</summary>
    None = 0,

    /// <summary>The grantor side: the subject of a consent, or the grantor department of a legal basis.</summary>
    Grantor = 1,

    /// <summary>The grantee department, renouncing the grant.</summary>
    Grantee = 2,
}
