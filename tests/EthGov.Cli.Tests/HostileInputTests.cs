using System.Text;
using EthGov.Chain.Receipts;
using EthGov.Chain.Transactions;
using EthGov.Cli.Common;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;
using EthGov.Core.Receipts;
using EthGov.Testing;

namespace EthGov.Cli.Tests;

/// <summary>
/// Hundreds of generated hostile command lines (malformed digests and numbers, odd Unicode, path tricks,
/// tampered receipts, bad keys and URLs), run in-process against a real chain: each must fail with exit
/// code 2 and one line, never a stack trace, and change nothing on chain or on disk.
/// </summary>
public class HostileInputTests(CliWorkspace workspace) : IClassFixture<CliWorkspace>
{
    private static readonly string[] s_badDigests =
    [
        "", "0x", "0x1", "0xzz", "0x" + new string('a', 63), "0x" + new string('a', 65), new string('a', 64),
        "0x" + new string('g', 64), "0x" + new string('a', 62) + "\u0000\u0000", "0x" + new string('a', 63) + "\u00e9",
        "0x" + new string('a', 62) + "\u202e1", "０x" + new string('a', 64), " 0x" + new string('a', 64), "0x" + new string('a', 64) + " ",
        "0x" + new string('a', 10_000), "💥", "null", "-0x" + new string('a', 64), "0x-" + new string('a', 63),
    ];

    private static readonly string[] s_badNumbers = ["-1", "65536", "99999999999999999999999", "1e3", "0x10", "", "NaN", "１", "2147483648", "--", "1.5"];

    private static readonly string[] s_badDates = ["yesterday", "2020-13-45", "-1", "9999-99-99T99:99", "", "2020-01-01T00:00:00Z"];

    private static readonly string[] s_badPaths =
    [
        "../../../../../etc/ethgov-does-not-exist", "/dev/null/inside", new string('x', 5000), "nul\u0000byte", "~/nothing-here",
        "no-such-dir/../../../no-such-file", "\u202ereversed.pdf", "space at end ",
    ];

    [Fact]
    public async Task GeneratedHostileCommandLines_AllExitTwoWithOneLine_AndChangeNothing()
    {
        var cases = Generate(new Random(20261127)).ToList();
        var blockBefore = (await ChainBlockAsync()).GetString();
        var filesBefore = Directory.GetFiles(workspace.Folder, "*", SearchOption.AllDirectories).Length;
        var failures = new List<string>();

        foreach (var args in cases)
        {
            var (code, stdout, stderr) = await RunInProcessAsync([.. args, "--rpc", workspace.Rpc, "--deployment", workspace.DeploymentPath]);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (code != ExitCodes.Error || lines.Length != 1 || !lines[0].StartsWith("ethgov: ", StringComparison.Ordinal)
                || stderr.Contains("unexpected", StringComparison.Ordinal) || stderr.Contains("   at ", StringComparison.Ordinal) || stdout.Length > 0)
            {
                failures.Add($"[{string.Join(" ", args.Select(a => a.Length > 40 ? a[..40] + "…" : a))}] -> {code}: {stderr.Trim()} {stdout.Trim()}");
            }
        }

        Assert.True(cases.Count >= 500, $"only {cases.Count} cases generated");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(blockBefore, (await ChainBlockAsync()).GetString());
        Assert.Equal(filesBefore, Directory.GetFiles(workspace.Folder, "*", SearchOption.AllDirectories).Length);
    }

    private Task<System.Text.Json.JsonElement> ChainBlockAsync() =>
        new HttpClient().PostAsync(workspace.Rpc, new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}""", Encoding.UTF8, "application/json"))
            .ContinueWith(async t => System.Text.Json.JsonDocument.Parse(await t.Result.Content.ReadAsStringAsync()).RootElement.GetProperty("result").Clone()).Unwrap();

    private IEnumerable<string[]> Generate(Random random)
    {
        var valid = "0x" + Convert.ToHexStringLower(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray());
        var document = Path.Combine(workspace.Folder, "hostile-document.txt");
        File.WriteAllText(document, "a document nobody anchored");
        var receipts = TamperedReceipts(document).ToList();

        foreach (var digest in s_badDigests)
        {
            yield return ["status", digest];
            yield return ["revoke", digest, "--reason", "1", "--key-file", "dev:1"];
            yield return ["supersede", valid, digest, "--key-file", "dev:1"];
            yield return ["supersede", digest, valid, "--key-file", "dev:1"];
            yield return ["grant", "create", "--record", digest, "--grantee", "HEALTH", "--purpose", "1", "--expires", "2030-01-01T00:00:00Z", "--legal-basis", "x", "--key-file", "dev:1"];
            yield return ["grant", "list", "--record", digest];
        }

        foreach (var number in s_badNumbers)
        {
            yield return ["revoke", valid, "--reason", number, "--key-file", "dev:1"];
            yield return ["access", "log", number, "--key-file", "dev:2"];
            yield return ["departments", "approve", number, "--key-file", "dev:2"];
            yield return ["departments", "propose", "suspend", number, "--key-file", "dev:2"];
            yield return ["departments", "propose", "threshold", number, "--key-file", "dev:2"];
            yield return ["grant", "revoke", number, "--key-file", "dev:1"];
            yield return ["grant", "create", "--record", valid, "--grantee", "HEALTH", "--purpose", number, "--expires", "2030-01-01T00:00:00Z", "--legal-basis", "x", "--key-file", "dev:1"];
        }

        foreach (var size in new[] { "-1", "0", "100001", "abc", "1e3", "", "2147483648" })
        {
            yield return ["anchor", document, "--batch-size", size, "--key-file", "dev:1"];
        }

        foreach (var date in s_badDates)
        {
            yield return ["anchor", document, "--valid-until", date, "--key-file", "dev:1"];
            yield return ["grant", "create", "--record", valid, "--grantee", "HEALTH", "--purpose", "1", "--expires", date, "--legal-basis", "x", "--key-file", "dev:1"];
        }

        foreach (var path in s_badPaths)
        {
            yield return ["verify", path];
            yield return ["anchor", path, "--key-file", "dev:1"];
            yield return ["verify", document, "--receipt", path];
            yield return ["revoke", path, "--reason", "1", "--key-file", "dev:1"];
            yield return ["anchor", document, "--key-file", path];
            yield return ["deploy", "--departments", path];
        }

        foreach (var receipt in receipts)
        {
            yield return ["verify", document, "--receipt", receipt];
            yield return ["revoke", document, "--reason", "1", "--receipt", receipt, "--key-file", "dev:1"];
        }

        foreach (var key in new[] { "dev:99", "dev:-1", "dev:", "dev:abc", document, workspace.DeploymentPath })
        {
            yield return ["anchor", document, "--key-file", key];
            yield return ["revoke", valid, "--reason", "1", "--key-file", key];
        }

        foreach (var url in new[] { "ftp://127.0.0.1", "not a url", "http://", "file:///etc/passwd", "" })
        {
            yield return ["status", valid, "--rpc", url];
        }

        // Random mixtures: a command with one argument replaced by noise (not the legal basis: any text is one).
        string[][] templates =
        [
            ["status", valid],
            ["revoke", valid, "--reason", "1", "--key-file", "dev:1"],
            ["access", "log", "1", "--key-file", "dev:2"],
            ["grant", "create", "--record", valid, "--grantee", "HEALTH", "--purpose", "1", "--expires", "2030-01-01T00:00:00Z", "--legal-basis", "x", "--key-file", "dev:1"],
        ];
        for (var i = 0; i < 300; i++)
        {
            var template = templates[random.Next(templates.Length)];
            var args = template.ToArray();
            var position = 1 + random.Next(args.Length - 1);
            while (args[position].StartsWith("--", StringComparison.Ordinal) || args[position].StartsWith("dev:", StringComparison.Ordinal) || args[position] is "log" or "create" || args[position - 1] == "--legal-basis")
            {
                position = 1 + random.Next(args.Length - 1);
            }

            args[position] = Noise(random);
            yield return args;
        }
    }

    /// <summary>A string that is no valid digest, number, code or date: control characters, odd Unicode, overlong.</summary>
    private static string Noise(Random random)
    {
        var length = random.Next(1, random.Next(2) == 0 ? 20 : 3000);
        var builder = new StringBuilder("~");
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(5) switch
            {
                0 => (char)random.Next(1, 32),
                1 => (char)random.Next(0x80, 0x2FFF),
                2 => "\u202e\u200b\ufeff"[random.Next(3)],
                3 => "/\\..%$;'\"`{}[]"[random.Next(14)],
                _ => (char)random.Next('g', 'z'),
            });
        }

        return builder.ToString();
    }

    private IEnumerable<string> TamperedReceipts(string document)
    {
        var digests = Enumerable.Range(0, 8).Select(i => DocumentHasher.Hash(Encoding.UTF8.GetBytes($"leaf {i}"))).ToList();
        digests[3] = DocumentHasher.HashFile(document);
        var tree = MerkleTree.Build(digests);
        var outcome = new TransactionOutcome("0x" + new string('1', 64), 5, "0x" + new string('2', 64), DateTimeOffset.UnixEpoch.AddYears(56), 50_000);
        var good = ReceiptWriter.ToJson(ReceiptFactory.ForBatchMember(tree, 3, new ReceiptIssuer(1, "CIVIL", "Civil Registry Office"), 31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3", outcome, null));
        var proofElement = tree.GetProof(3)[0].ToString();
        string[] variants =
        [
            good.Replace(proofElement, "0x" + new string('f', 64), StringComparison.Ordinal),
            good.Replace(proofElement, proofElement[..^1], StringComparison.Ordinal),
            good.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal),
            good.Replace("\"chainId\": 31337", "\"chainId\": -1", StringComparison.Ordinal),
            good.Replace("\"blockNumber\": 5", "\"blockNumber\": 99999999999999999999999", StringComparison.Ordinal),
            good.Replace("\"digest\"", "\"digestX\"", StringComparison.Ordinal),
            good.Replace("0x5fbdb2315678afecb367f032d93f642f64180aa3", "0x5fbdb2315678afecb367f032d93f642f64180aa", StringComparison.Ordinal),
            good[..(good.Length / 2)],
            "{}",
            "[]",
            "null",
            new string('[', 10_000) + new string(']', 10_000),
            "{\"version\":1,\"digest\":\"" + new string('a', 100_000) + "\"}",
            good.Replace("\"proof\": [", "\"proof\": [" + string.Join(",", Enumerable.Repeat("\"" + proofElement + "\"", 5000)) + ",", StringComparison.Ordinal),
            "\ufeff\u0000",
        ];
        for (var i = 0; i < variants.Length; i++)
        {
            var path = Path.Combine(workspace.Folder, $"tampered-{i}.receipt.json");
            File.WriteAllText(path, variants[i]);
            yield return path;
        }
    }

    private static readonly SemaphoreSlim s_console = new(1, 1);

    private static async Task<(int Code, string Stdout, string Stderr)> RunInProcessAsync(string[] args)
    {
        await s_console.WaitAsync();
        var (previousOut, previousErr) = (CommandRunner.Out, CommandRunner.Err);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            CommandRunner.Out = stdout;
            CommandRunner.Err = stderr;
            var code = await EthGovCommand.RunAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            (CommandRunner.Out, CommandRunner.Err) = (previousOut, previousErr);
            s_console.Release();
        }
    }
}
