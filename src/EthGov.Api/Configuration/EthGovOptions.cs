namespace EthGov.Api.Configuration;

/// <summary>The API's own settings (section "EthGov"); the chain settings are in section "Chain".</summary>
public sealed class EthGovOptions
{
    /// <summary>The deployment file written by <c>ethgov deploy</c> (registry address, genesis hash).</summary>
    public string DeploymentFile { get; set; } = "deployments/31337.json";

    /// <summary>Where the SQLite database (outbox, index, API keys) lives; keep it outside the content root.</summary>
    public string DataDirectory { get; set; } = "data/31337";

    /// <summary>
    /// When the deployment file names another registry or chain than the one the outbox anchored to (a wiped dev chain,
    /// a redeployment), retire the old batches and anchor every document of the outbox again on the new deployment.
    /// Without it the API refuses to start on such an outbox. See docs/operations.md.
    /// </summary>
    public bool ReanchorOnNewDeployment { get; set; }

    /// <summary>
    /// The public base URL of the verification page, printed into QR codes. Required outside Development, so that no
    /// request's Host header chooses the URL a certificate carries.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// The node's own P-256 keys (signed requests between nodes, records sealed to it): a key file written by
    /// <c>ethgov node keygen</c>, or <c>dev:N</c> on chain 31337. Their public halves must be the ones the node's
    /// department publishes on chain.
    /// </summary>
    public string? NodeKey { get; set; }

    /// <summary>
    /// Where the signers' sender locks live (one file per chain id and key address, held while the API runs, so a second
    /// process on this host with one of its keys refuses to start). Null: a folder of the current user's under the
    /// temporary path. Processes that must exclude each other need the same directory.
    /// </summary>
    public string? SenderLockDirectory { get; set; }

    /// <summary>Which store holds the outbox, batches and index (section "EthGov:Storage"): SQLite in the data directory unless set.</summary>
    public EthGov.Application.Storage.StorageOptions Storage { get; set; } = new();
}
