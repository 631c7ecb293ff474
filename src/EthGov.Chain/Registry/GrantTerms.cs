using EthGov.Chain.Bindings;

namespace EthGov.Chain.Registry;

/// <summary>
/// What a grant allows, as consent artefacts carry it (India's DEPA, Singapore's Myinfo): how the grantee may use the
/// record, for how long it may keep it, how many times it may fetch it, and who may revoke the grant. The holder's node
/// enforces the expiry and <see cref="MaxFetches"/>; the grantee's node enforces <see cref="Use"/> and
/// <see cref="RetentionDays"/>. The registry refuses terms that break the rules <see cref="Problem"/> states.
/// </summary>
/// <param name="Use">View once, or store.</param>
/// <param name="RetentionDays">Days the grantee may keep the content: 0 for <see cref="GrantUse.ViewOnce"/>, at least 1 for <see cref="GrantUse.Store"/>.</param>
/// <param name="MaxFetches">How many times the grantee may fetch the record under this grant (at least 1).</param>
/// <param name="RevocableBy">Who may revoke the grant; a consent is always revocable by its subject.</param>
public sealed record GrantTerms(GrantUse Use, ushort RetentionDays, ushort MaxFetches, GrantRevokers RevocableBy)
{
    /// <summary>The terms of a grant whose maker gave none: store for 30 days, 10 fetches, revocable by the grantor side.</summary>
    public static GrantTerms Default { get; } = new(GrantUse.Store, 30, 10, GrantRevokers.Grantor);

    /// <summary>Why these terms cannot be a grant's of <paramref name="basis"/>, as the registry would refuse them, in English (for the CLI); null when they can.</summary>
    public string? Problem(GrantBasis basis) => Fault(basis) switch
    {
        GrantTermsFault.UnknownUse => $"use {(int)Use} is neither view-once nor store",
        GrantTermsFault.NoFetches => "maxFetches must be at least 1",
        GrantTermsFault.UnknownRevoker => $"revocableBy {(int)RevocableBy} names no known side (1 grantor, 2 grantee)",
        GrantTermsFault.ViewOnceRetains => "a view-once grant keeps nothing: retentionDays must be 0",
        GrantTermsFault.StoreRetainsNothing => "a store grant keeps the record for a time: retentionDays must be at least 1",
        GrantTermsFault.ConsentNotRevocableBySubject => "a consent stays revocable by its subject: revocableBy must include grantor",
        _ => null,
    };

    /// <summary>Why these terms cannot be a grant's of <paramref name="basis"/>, as a code; null when they can.</summary>
    public GrantTermsFault? Fault(GrantBasis basis)
        => !Enum.IsDefined(Use) ? GrantTermsFault.UnknownUse
            : MaxFetches == 0 ? GrantTermsFault.NoFetches
            : (RevocableBy & ~(GrantRevokers.Grantor | GrantRevokers.Grantee)) != 0 ? GrantTermsFault.UnknownRevoker
            : Use == GrantUse.ViewOnce && RetentionDays != 0 ? GrantTermsFault.ViewOnceRetains
            : Use == GrantUse.Store && RetentionDays == 0 ? GrantTermsFault.StoreRetainsNothing
            : basis == GrantBasis.PasskeyConsent && !RevocableBy.HasFlag(GrantRevokers.Grantor) ? GrantTermsFault.ConsentNotRevocableBySubject
            : null;

    internal GrantTermsTuple ToTuple() => new()
    {
        Use = (byte)Use,
        RetentionDays = RetentionDays,
        MaxFetches = MaxFetches,
        RevocableBy = (byte)RevocableBy,
    };

    internal static GrantTerms From(GrantTermsTuple t) => new((GrantUse)t.Use, t.RetentionDays, t.MaxFetches, (GrantRevokers)t.RevocableBy);
}
