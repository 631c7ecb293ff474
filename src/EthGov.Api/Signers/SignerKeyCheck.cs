using EthGov.Api.Configuration;
using EthGov.Chain.Registry;

namespace EthGov.Api.Signers;

/// <summary>
/// At start, each configured key must be a current key of the department it is configured for, as the registry says:
/// a key of another department, a removed or unknown key, or one reported compromised refuses the start with one line
/// (<c>EthGov:Signers:CIVIL: key 0x.. is a key of HEALTH, not CIVIL</c>), before the node could anchor a department's
/// documents under another's name or spend a key that can never act.
/// </summary>
public static class SignerKeyCheck
{
    /// <summary>
    /// Checks every key of <paramref name="keys"/> against the registry through <paramref name="reader"/>;
    /// <paramref name="departments"/> are the registry's departments. Returns a line for each key whose department is
    /// suspended: such a node still starts, because other nodes ask it for the proofs of the documents it issued before.
    /// </summary>
    /// <exception cref="StartupRefusedException">A key is not a current key of its department, or the registry cannot be read.</exception>
    public static async Task<IReadOnlyList<string>> CheckAsync(SignerKeys keys, RegistryClient reader, IReadOnlyList<DepartmentInfo> departments)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(departments);
        var suspended = new List<string>();
        foreach (var (code, account) in keys.Accounts.OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase))
        {
            var setting = $"EthGov:Signers:{code}";
            var department = departments.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.OrdinalIgnoreCase))
                ?? throw new StartupRefusedException($"{setting}: the registry has no department {code}");
            var standing = await reader.Keys.OfAsync(account.Address);
            if (!standing.IsSuccess)
            {
                throw new StartupRefusedException($"{setting}: the registry's record of key {account.Address} cannot be read: {standing.Error}");
            }

            var key = standing.Value;
            if (key.DepartmentId == 0)
            {
                throw new StartupRefusedException($"{setting}: key {account.Address} is no key of any department");
            }

            if (key.DepartmentId != department.Id)
            {
                var owner = departments.FirstOrDefault(d => d.Id == key.DepartmentId)?.Code ?? $"department {key.DepartmentId}";
                throw new StartupRefusedException($"{setting}: key {account.Address} is a key of {owner}, not {department.Code}");
            }

            if (key.CompromisedSince is { } since)
            {
                throw new StartupRefusedException($"{setting}: key {account.Address} of {department.Code} was reported compromised (since {since:u}); it can never act again");
            }

            if (!key.Active)
            {
                suspended.Add($"{setting}: department {department.Code} is suspended; its documents wait in the outbox until the quorum restores it");
            }
        }

        return suspended;
    }
}
