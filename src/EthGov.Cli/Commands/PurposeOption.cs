using System.CommandLine;
using EthGov.Cli.Common;
using EthGov.Core.Purposes;

namespace EthGov.Cli.Commands;

/// <summary><c>--purpose</c> of the grant commands: a published purpose, by name or number.</summary>
internal static class PurposeOption
{
    /// <summary>A new, required option (System.CommandLine gives each command its own).</summary>
    public static Option<string> Create() => new("--purpose")
    {
        Required = true,
        Description = $"A published purpose, by name or number: {string.Join(", ", GrantPurposes.All)}",
    };

    /// <summary>The listed purpose the option names, or a one-line error listing the codes.</summary>
    public static GrantPurpose Read(ParseResult parse, Option<string> option)
        => GrantPurposes.TryParse(parse.GetValue(option), out var purpose, out var error) ? purpose! : throw new CliException($"--purpose: {error}");
}
