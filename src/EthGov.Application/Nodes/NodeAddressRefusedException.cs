namespace EthGov.Application.Nodes;

/// <summary>
/// Thrown by <see cref="NodeClient"/>'s connect step when every address of a host is refused, so the refusal crosses
/// <see cref="System.Net.Http.SocketsHttpHandler"/> and comes back as <see cref="NodeFailure.AddressRefused"/>; it never
/// leaves <see cref="NodeClient"/>.
/// </summary>
internal sealed class NodeAddressRefusedException : Exception
{
    public NodeAddressRefusedException(NodeAddressCheck check)
        : base($"address refused: {check.Reason}") => Check = check;

    public NodeAddressCheck Check { get; }
}
