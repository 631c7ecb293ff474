using EthGov.LoadTest.Chain;

namespace EthGov.LoadTest.Exchange;

/// <summary>CPU seconds a process spent during a run (from /proc), and per exchange verified in it.</summary>
internal sealed record ProcessCpu(string Process, double CpuSeconds, double CpuMsPerExchange);

/// <summary>
/// One run of exchanges posted at a fixed rate on one grantee: how many were accepted, verified and refused; exchanges
/// verified a second within the measured window (<see cref="WindowSeconds"/> from <see cref="WindowStart"/>); latency
/// from each request's scheduled time to the moment the grantee's node had the content verified, over the exchanges
/// posted in the window (one still unfinished when the run ends counts with the time until then, a lower bound); the machine's load average before and after; each process's CPU.
/// </summary>
internal sealed record ExchangeRun(
    string Name,
    string Grantee,
    int RatePerSecond,
    int Seconds,
    int WindowStart,
    int Posted,
    int Accepted,
    int PostFailures,
    string? FirstPostProblem,
    int Verified,
    int Refused,
    int Unfinished,
    string? FirstRefusal,
    double WindowSeconds,
    int VerifiedInWindow,
    double VerifiedPerSecond,
    Latencies ToVerified,
    Latencies ToAccepted,
    double SendLagP99Ms,
    double DrainSeconds,
    string LoadBefore,
    string LoadAfter,
    IReadOnlyList<ProcessCpu> Cpu);

/// <summary>Gas of the access logs of a run, from the receipts of the transactions the grantee sent.</summary>
internal sealed record LogGas(string Grantee, int Transactions, long Entries, long Gas, double GasPerAccess);

/// <summary>
/// The holder's journal against the chain at the end: every release's access-log root on chain, logged by the grantee, in
/// a block before the chain's head (confirmed), and the release's entry in that root by the grantee's proof.
/// </summary>
internal sealed record JournalCheck(int Releases, int Confirmed, int Failures, IReadOnlyList<string> FirstFailures, long EntriesLoggedOnChain, int Batches);

/// <summary>Everything the exchange benchmarks measured in one run.</summary>
internal sealed record ExchangeResults(
    bool Quick,
    ExchangeRunPlan Plan,
    string Holder,
    string Grantee,
    string ReferenceGrantee,
    string Mining,
    double SetupSeconds,
    IReadOnlyList<ExchangeRun> Runs,
    ExchangeRun Reference,
    LogGas BatchedGas,
    LogGas ReferenceGas,
    long LogAccessGas,
    JournalCheck Journal);
