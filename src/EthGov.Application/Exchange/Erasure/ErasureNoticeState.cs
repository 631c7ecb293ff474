namespace EthGov.Application.Exchange.Erasure;

/// <summary>Where a holder's erasure notice to one grantee department stands.</summary>
public enum ErasureNoticeState
{
    /// <summary>Not acknowledged yet: sent again, with growing pauses, until the grantee's node answers.</summary>
    Pending = 0,

    /// <summary>The grantee's node answered, signed, that it erased its copy.</summary>
    Acknowledged = 1,

    /// <summary>The grantee's node answered, signed, that it holds no exchange of the record from this holder.</summary>
    NothingHeld = 2,
}
