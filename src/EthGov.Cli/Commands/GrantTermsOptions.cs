using System.CommandLine;
using EthGov.Chain.Registry;
using EthGov.Cli.Common;

namespace EthGov.Cli.Commands;

/// <summary>
/// The options that set a grant's terms (<c>--use</c>, <c>--retention-days</c>, <c>--max-fetches</c>,
/// <c>--revocable-by</c>), shared by the commands that make grants. Omitted ones take <see cref="GrantTerms.Default"/>'s
/// values, except that a view-once grant keeps the record 0 days.
/// </summary>
internal sealed class GrantTermsOptions
{
    private readonly Option<string?> _use = new("--use") { Description = "view-once (the grantee keeps nothing) or store (default)" };
    private readonly Option<int?> _retentionDays = new("--retention-days") { Description = "Days the grantee may keep the record: 0 for view-once, at least 1 for store (default 30)" };
    private readonly Option<int?> _maxFetches = new("--max-fetches") { Description = "How many times the grantee may fetch the record (default 10)" };
    private readonly Option<string?> _revocableBy = new("--revocable-by") { Description = "Who may revoke: grantor, grantee or grantor,grantee (default grantor)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_use);
        command.Options.Add(_retentionDays);
        command.Options.Add(_maxFetches);
        command.Options.Add(_revocableBy);
    }

    /// <summary>The terms the options give for a grant of <paramref name="basis"/>.</summary>
    /// <exception cref="CliException">An option's value is not allowed, or the terms break a rule the registry enforces.</exception>
    public GrantTerms Read(ParseResult parse, GrantBasis basis)
    {
        var use = parse.GetValue(_use) switch
        {
            null or "store" => GrantUse.Store,
            "view-once" => GrantUse.ViewOnce,
            var other => throw new CliException($"--use: view-once or store, not '{other}'"),
        };
        var retention = parse.GetValue(_retentionDays) ?? (use == GrantUse.ViewOnce ? 0 : GrantTerms.Default.RetentionDays);
        if (retention is < 0 or > ushort.MaxValue)
        {
            throw new CliException("--retention-days: 0 to 65535");
        }

        var fetches = parse.GetValue(_maxFetches) ?? GrantTerms.Default.MaxFetches;
        if (fetches is < 1 or > ushort.MaxValue)
        {
            throw new CliException("--max-fetches: 1 to 65535");
        }

        var revokers = GrantTerms.Default.RevocableBy;
        if (parse.GetValue(_revocableBy) is { } sides)
        {
            revokers = GrantRevokers.None;
            foreach (var side in sides.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                revokers |= side switch
                {
                    "grantor" => GrantRevokers.Grantor,
                    "grantee" => GrantRevokers.Grantee,
                    _ => throw new CliException($"--revocable-by: grantor, grantee or grantor,grantee, not '{sides}'"),
                };
            }
        }

        var terms = new GrantTerms(use, (ushort)retention, (ushort)fetches, revokers);
        return terms.Problem(basis) is { } problem ? throw new CliException("terms: " + problem) : terms;
    }
}
