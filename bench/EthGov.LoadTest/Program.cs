using EthGov.LoadTest;
using EthGov.LoadTest.Api;
using EthGov.LoadTest.Chain;
using EthGov.LoadTest.Exchange;
using EthGov.LoadTest.Nodes;
using EthGov.LoadTest.Reporting;
using EthGov.LoadTest.Storage;

// Usage:
//   EthGov.LoadTest chain --rpc http://127.0.0.1:<port> --out <chain.json> [--quick] [--cli <ethgov.dll> --departments <file> --work <dir>]
//   EthGov.LoadTest api --api http://127.0.0.1:<port> --rpc <url> --key-file <file> --deployment <file> --scripts bench/wrk --work <dir> --out <api.json> [--quick] [--wrk <path>]
//   EthGov.LoadTest nodes --nodes <nodes.txt> --rpc <url> --deployment <file> --scripts bench/wrk --work <dir> --out <nodes.json> [--quick] [--wrk <path>]
//   EthGov.LoadTest exchange --nodes <nodes.txt> --rpc <url> --deployment <file> --work <dir> --out <exchange.json> [--quick] [--pids name=pid,...]
//   EthGov.LoadTest storage --rpc <url> --deployment-sqlite <file> --deployment-postgres <file> --signer-sqlite <key> --signer-postgres <key> --postgres <connection string> --api-dll <EthGov.Api.dll> --content-root <dir> --cli <ethgov.dll> --scripts bench/wrk --work <dir> --out <storage.json> [--quick] [--postgres-pid <pid>] [--chain-pid <pid>]
//   EthGov.LoadTest reference-server --url http://127.0.0.1:<port> --data-dir <dir>
//   EthGov.LoadTest report --micro <micro.json> --chain <chain.json> --machine <machine.json> --json <out.json> --markdown <out.md> [--api <api.json>] [--nodes <nodes.json>] [--exchange <exchange.json>] [--storage <storage.json>]
var arguments = new Arguments(args);
try
{
    return arguments.Command switch
    {
        "chain" => await ChainRun.RunAsync(arguments),
        "api" => await ApiRun.RunAsync(arguments),
        "nodes" => await NodesRun.RunAsync(arguments),
        "exchange" => await ExchangeBench.RunAsync(arguments),
        "storage" => await StorageRun.RunAsync(arguments),
        "reference-server" => await ReferenceServer.RunAsync(arguments),
        "report" => await BenchmarkReport.WriteAsync(arguments),
        _ => Usage(),
    };
}
catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OperationCanceledException or IOException)
{
    Console.Error.WriteLine($"ethgov-loadtest: {ex.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: EthGov.LoadTest chain --rpc <url> --out <file> [--quick] [--cli <ethgov.dll> --departments <file> --work <dir>]");
    Console.Error.WriteLine("       EthGov.LoadTest api --api <url> --rpc <url> --key-file <file> --deployment <file> --scripts <dir> --work <dir> --out <file> [--quick] [--wrk <path>]");
    Console.Error.WriteLine("       EthGov.LoadTest nodes --nodes <file> --rpc <url> --deployment <file> --scripts <dir> --work <dir> --out <file> [--quick] [--wrk <path>]");
    Console.Error.WriteLine("       EthGov.LoadTest exchange --nodes <file> --rpc <url> --deployment <file> --work <dir> --out <file> [--quick] [--pids name=pid,...]");
    Console.Error.WriteLine("       EthGov.LoadTest storage --rpc <url> --deployment-sqlite <file> --deployment-postgres <file> --signer-sqlite <key> --signer-postgres <key> --postgres <connection string> --api-dll <file> --content-root <dir> --cli <file> --scripts <dir> --work <dir> --out <file> [--quick] [--postgres-pid <pid>] [--chain-pid <pid>]");
    Console.Error.WriteLine("       EthGov.LoadTest reference-server --url <url> --data-dir <dir>");
    Console.Error.WriteLine("       EthGov.LoadTest report --micro <file> --chain <file> --machine <file> --json <file> --markdown <file> [--api <file>] [--nodes <file>]");
    return 2;
}
