using System.Text.RegularExpressions;
using EthGov.Core.Revocations;
using EthGov.Testing;

namespace EthGov.Api.Tests.Documents;

/// <summary>The contracts' NatSpec and docs/contracts.md publish the same codes as EthGov.Core.</summary>
public sealed partial class RevocationReasonsDocsTests
{
    [Fact]
    public void ContractsDoc_RevocationReasonsTable_ListsEveryCodeAsCoreDoes()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("docs", "contracts.md"));
        var start = Array.IndexOf(lines, "### Revocation reasons");
        Assert.True(start >= 0, "docs/contracts.md has no '### Revocation reasons' section");

        var rows = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith('#'))
            .Select(l => TableRow().Match(l)).Where(m => m.Success)
            .Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value.Trim()} {m.Groups[4].Value.Trim()}");

        Assert.Equal(RevocationReasons.All.Select(r => $"{r.Number} {r.Name} {r.Title["en"]} {r.Title["zh-CN"]}"), rows);
    }

    [Fact]
    public void RegistryInterface_NatSpec_ListsEveryCodeAsCoreDoes()
    {
        var source = File.ReadAllText(RepositoryPaths.Combine("contracts", "documents", "IDocumentRegistry.sol"));
        var notes = source[..source.IndexOf("interface IDocumentRegistry", StringComparison.Ordinal)];
        var text = string.Join(" ", notes.Split('\n').Select(l => l.Trim().TrimStart('*', '/').Trim()));

        Assert.Contains(string.Join(", ", RevocationReasons.All.Select(r => $"{r.Number} {r.Name}")) + ".", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| (\d+) \| `([a-z-]+)` \|([^|]+)\|([^|]+)\|")]
    private static partial Regex TableRow();
}
