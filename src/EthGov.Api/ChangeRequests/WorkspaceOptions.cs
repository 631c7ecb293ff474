namespace EthGov.Api.ChangeRequests;

/// <summary>"EthGov:Workspace": how the department's own changes to its documents are made.</summary>
public sealed class WorkspaceOptions
{
    /// <summary>
    /// How many second-clerk approvals a revocation or supersession needs before it is sent: 0 (sent at once, the
    /// default) or 1 (four eyes: it is stored as a <see cref="ChangeRequest"/> and sent once an approver approves it).
    /// </summary>
    public int RevocationApprovals { get; set; }

    /// <summary>Whether changes wait for a second clerk.</summary>
    public bool RequiresApproval => RevocationApprovals > 0;
}
