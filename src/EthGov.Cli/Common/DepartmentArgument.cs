using EthGov.Chain.Registry;
using Nethereum.Util;

namespace EthGov.Cli.Common;

/// <summary>Reads departments and key addresses given on the command line.</summary>
public static class DepartmentArgument
{
    /// <summary>The id of the department named by its code or id; fails with one line when the registry has none.</summary>
    public static async Task<uint> ResolveAsync(RegistryClient client, string codeOrId)
    {
        if (uint.TryParse(codeOrId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            var department = await client.Departments.GetAsync(id);
            if (!department.IsSuccess && department.Error.Name == "UnknownDepartment")
            {
                throw new CliException($"no department has the id {id}");
            }

            return department.OrFail().Id;
        }

        var found = (await client.Departments.IdByCodeAsync(codeOrId)).OrFail();
        return found != 0 ? found : throw new CliException($"no department has the code '{CliOutput.OneLine(codeOrId)}'");
    }

    /// <summary>The department the signing key of <paramref name="client"/> acts for; fails when it is not an active signer.</summary>
    public static Task<uint> OfSignerAsync(RegistryClient client) => OfSignerAsync(client, client.Context.SignerAddress!);

    /// <summary>The department key <paramref name="signer"/> acts for; fails when it is not an active signer.</summary>
    public static async Task<uint> OfSignerAsync(RegistryClient client, string signer)
    {
        var standing = (await client.Keys.OfAsync(signer)).OrFail();
        return standing switch
        {
            { CompromisedSince: not null } => throw new CliException($"key {signer} was reported compromised; it can never act again"),
            { DepartmentId: 0 } => throw new CliException($"key {signer} is not a key of any department"),
            { Active: false } => throw new CliException($"key {signer} of department {standing.DepartmentId} may not act now (the department is suspended)"),
            _ => standing.DepartmentId,
        };
    }

    /// <summary>Checks that <paramref name="text"/> is an address (0x + 40 hex digits) and returns it.</summary>
    public static string Address(string text, string what)
        => AddressUtil.Current.IsValidEthereumAddressHexFormat(text)
            ? text
            : throw new CliException($"{what} '{CliOutput.OneLine(text.Length > 80 ? text[..80] + "…" : text)}' is not an address (0x + 40 hex digits)");
}
