namespace EthGov.Api.GrantRequests;

/// <summary>Whose copy of a grant request a row is.</summary>
public static class GrantRequestDirections
{
    /// <summary>Asked by this node's department.</summary>
    public const string Outgoing = "outgoing";

    /// <summary>Asked of this node's department.</summary>
    public const string Incoming = "incoming";
}
