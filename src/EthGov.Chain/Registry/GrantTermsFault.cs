namespace EthGov.Chain.Registry;

/// <summary>Why the registry would refuse a grant's terms (<see cref="GrantTerms.Fault"/>): a code, so each caller words it in its own language.</summary>
public enum GrantTermsFault
{
    /// <summary>The use is neither view-once nor store.</summary>
    UnknownUse,

    /// <summary>maxFetches is 0.</summary>
    NoFetches,

    /// <summary>revocableBy names a side that does not exist.</summary>
    UnknownRevoker,

    /// <summary>A view-once grant with a retention time.</summary>
    ViewOnceRetains,

    /// <summary>A store grant without a retention time.</summary>
    StoreRetainsNothing,

    /// <summary>A consent its subject could not revoke.</summary>
    ConsentNotRevocableBySubject,
}
