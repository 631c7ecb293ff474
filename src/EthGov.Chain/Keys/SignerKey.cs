using System.Diagnostics.CodeAnalysis;
using Nethereum.RPC.Accounts;
using Nethereum.Web3.Accounts;

namespace EthGov.Chain.Keys;

/// <summary>
/// A signer key as the rest of EthGov holds it: a keystore or dev key in memory, or a key in a PKCS#11 module. Only
/// EthGov.Chain sees the Nethereum account behind it, so no other project depends on Nethereum's JSON-RPC types.
/// </summary>
public sealed class SignerKey
{
    private SignerKey(IAccount account) => Account = account;

    /// <summary>The key's address.</summary>
    public string Address => Account.Address;

    /// <summary>The Nethereum account that signs.</summary>
    internal IAccount Account { get; }

    /// <summary>A key held in memory (a keystore's, a dev account's); null stays null (no signer).</summary>
    [return: NotNullIfNotNull(nameof(account))]
    public static implicit operator SignerKey?(Account? account) => account is null ? null : FromAccount(account);

    /// <summary>A key held in memory (a keystore's, a dev account's).</summary>
    public static SignerKey FromAccount(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new SignerKey(account);
    }

    /// <summary>A key that signs through an external signer (a PKCS#11 module).</summary>
    internal static SignerKey FromExternal(ExternalAccount account) => new(account);
}
