using EthGov.Api.ChainState;
namespace EthGov.Api.Outbox;

/// <summary>Where a batch is on its way to the chain.</summary>
public enum BatchState
{
    /// <summary>Formed and stored; not yet confirmed on chain (it may have been sent).</summary>
    Pending = 0,

    /// <summary>Anchored and buried under the configured confirmations.</summary>
    Confirmed = 1,

    /// <summary>The chain refused it for a reason retrying cannot fix.</summary>
    Failed = 2,

    /// <summary>
    /// A supersession's new digest on a new deployment (re-anchoring after a wiped chain): the batcher leaves it alone,
    /// because replaying the supersession anchors it (see <see cref="ChangeReplayer"/>).
    /// </summary>
    AwaitingReplay = 3,
}
