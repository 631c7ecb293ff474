using EthGov.LoadTest.Api;
using EthGov.LoadTest.Chain;

namespace EthGov.LoadTest.Nodes;

/// <summary>
/// One wrk run of verifications against the verifying node, each answer checked (a 200 saying <c>valid</c>).
/// <see cref="ValidPerSecond"/> counts only right answers; <see cref="Repeated"/> counts requests of a first-verification
/// run that had to send a digest again because its share ran out (none, or the run measured repeats too).
/// </summary>
internal sealed record SaturatedVerification(
    string Side,
    int Round,
    int Connections,
    int Digests,
    double Seconds,
    long Requests,
    long Non2xx,
    long WrongAnswers,
    long SocketErrors,
    long Repeated,
    double ValidPerSecond,
    Latencies Latency);

/// <summary>One measured run of first verifications on a fixed schedule.</summary>
internal sealed record PacedVerification(string Side, int Round, PacedVerificationResult Result);

/// <summary>
/// One side (local or remote) over all its rounds: right answers a second at saturation (pooled: answers over seconds)
/// with the highest p99 of those runs, the paced runs' latency pooled over every request (first verifications only),
/// and every problem seen (failed, wrong or repeated requests).
/// </summary>
internal sealed record VerificationSummary(
    string Side,
    double ValidPerSecond,
    double SaturatedP99Ms,
    int PacedRate,
    double PacedRequestsPerSecond,
    Latencies? PacedLatency,
    long Problems);

/// <summary>Verification on one node of its own department's batch members (local) and of another department's (remote).</summary>
internal sealed record CrossNodeResults(
    string Verifier,
    string Issuer,
    int DigestsPerSide,
    double MaterialSeconds,
    IReadOnlyList<SaturatedVerification> FirstSaturated,
    IReadOnlyList<PacedVerification> FirstPaced,
    IReadOnlyList<SaturatedVerification> Repeated,
    long RepeatedPrimingProblems,
    VerificationSummary FirstLocal,
    VerificationSummary FirstRemote,
    VerificationSummary RepeatedLocal,
    VerificationSummary RepeatedRemote);

/// <summary>What one node accepted in an anchoring run, as its wrk saw it.</summary>
internal sealed record NodeAnchoring(string Code, long Requests, long Non2xx, long SocketErrors, long AcceptedDocuments, double DocumentsPerSecond, Latencies ToAccepted);

/// <summary>One anchoring run: one node alone, or every node at once, each under its own wrk.</summary>
internal sealed record ClusterAnchoringRun(
    string Side,
    int Round,
    double Seconds,
    IReadOnlyList<NodeAnchoring> Nodes,
    long AcceptedDocuments,
    double DocumentsPerSecond,
    long ConfirmedOnChain,
    bool AllConfirmed,
    double DrainSeconds);

/// <summary>
/// Anchoring in one way (one digest per request, or many) by one node alone against every node at once, with the same
/// connections per node; the sides' documents a second are the means over their rounds.
/// </summary>
internal sealed record ClusterAnchoringResult(
    string Name,
    int DigestsPerRequest,
    int ConnectionsPerNode,
    string Alone,
    IReadOnlyList<string> Together,
    IReadOnlyList<ClusterAnchoringRun> Runs,
    double AloneDocumentsPerSecond,
    double TogetherDocumentsPerSecond,
    bool AllConfirmed,
    long Non2xx);

/// <summary>Everything the node benchmarks measured in one run.</summary>
internal sealed record NodesResults(bool Quick, NodesRunPlan Plan, IReadOnlyList<string> Nodes, CrossNodeResults Verification, IReadOnlyList<ClusterAnchoringResult> Anchoring);
