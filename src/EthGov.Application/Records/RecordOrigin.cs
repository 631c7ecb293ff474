namespace EthGov.Application.Records;

/// <summary>How a kept record came to the node.</summary>
public enum RecordOrigin
{
    /// <summary>The node's department issued it (an upload with keep, or a JSON record).</summary>
    Issued,

    /// <summary>Another department's node released it to this one under a grant.</summary>
    Received,
}
