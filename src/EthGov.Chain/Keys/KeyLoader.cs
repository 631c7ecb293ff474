using EthGov.Chain.Keys.Pkcs11;
using EthGov.Chain.Transactions;
using Nethereum.KeyStore;
using Nethereum.Web3.Accounts;

namespace EthGov.Chain.Keys;

/// <summary>
/// Loads signer keys: Web3 Secret Storage keystore files (encrypted; the password comes from an environment
/// variable or a prompt, never from a file in the repository), a key in a PKCS#11 module (<c>pkcs11:</c>, see
/// <see cref="Pkcs11Uri"/>; the key never leaves the module), or <c>dev:N</c> for Hardhat's dev account N on chain 31337.
/// </summary>
public static class KeyLoader
{
    /// <summary>The environment variable that holds keystore passwords by default.</summary>
    public const string PasswordVariable = "ETHGOV_KEY_PASSWORD";

    /// <summary>Loads the key named by <paramref name="keySpec"/> (a keystore path, a <c>pkcs11:</c> URI or <c>dev:N</c>).</summary>
    public static SignerKey Load(string keySpec, ulong chainId, Func<string>? promptPassword = null, string passwordVariable = PasswordVariable)
    {
        if (Pkcs11Uri.IsPkcs11(keySpec))
        {
            return SignerKey.FromExternal(Pkcs11EthereumSigner.Open(Pkcs11Uri.Parse(keySpec)).ToAccount(chainId));
        }

        if (keySpec.StartsWith("dev:", StringComparison.Ordinal))
        {
            if (!int.TryParse(keySpec.AsSpan(4), out var index) || index < 0 || index >= DevAccounts.Count)
            {
                throw new ArgumentException($"'{keySpec}' names no dev account (dev:0 .. dev:{DevAccounts.Count - 1})");
            }

            return DevAccounts.Get(index, chainId);
        }

        if (!File.Exists(keySpec))
        {
            throw new FileNotFoundException($"key file '{keySpec}' does not exist");
        }

        var password = Environment.GetEnvironmentVariable(passwordVariable)
            ?? promptPassword?.Invoke()
            ?? throw new InvalidOperationException($"set {passwordVariable} to the password of '{Path.GetFileName(keySpec)}'");
        try
        {
            var key = new KeyStoreService().DecryptKeyStoreFromJson(password, File.ReadAllText(keySpec));
            return new Account(key, (long)chainId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The decryption error says nothing useful and must not echo key material.
            throw new InvalidOperationException($"cannot decrypt '{Path.GetFileName(keySpec)}': wrong password or not a keystore file", ex);
        }
    }

    /// <summary>
    /// Creates a new random key and writes it as an encrypted keystore file that only its owner can read or write;
    /// returns the address. The file is created in one step that fails when anything, a link included, already has
    /// that name, so no other process can slip a file or a link in between a check and the write.
    /// </summary>
    /// <exception cref="IOException"><paramref name="path"/> exists (as a file, a folder or a link).</exception>
    public static string CreateKeystore(string path, string password)
    {
        var key = Nethereum.Signer.EthECKey.GenerateKey();
        var service = new KeyStoreService();
        var json = service.EncryptAndGenerateDefaultKeyStoreAsJson(password, key.GetPrivateKeyAsBytes(), key.GetPublicAddress());
        NewFile.Write(path, json);
        return key.GetPublicAddress();
    }

    /// <summary>
    /// The address a keystore file names (its <c>address</c> field), read without the password: enough to list a
    /// signer in a departments file, never to sign.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a keystore with an address.</exception>
    public static string ReadKeystoreAddress(string path)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("address", out var field)
                && field.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                var address = field.GetString()!;
                address = address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? address : "0x" + address;
                if (Nethereum.Util.AddressUtil.Current.IsValidEthereumAddressHexFormat(address))
                {
                    return Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(address);
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Reported below with the file's name.
        }

        throw new InvalidDataException($"'{path}' is not a keystore file with an address");
    }

    /// <summary>Whether <paramref name="chainId"/> accepts dev keys.</summary>
    public static bool AcceptsDevKeys(ulong chainId) => chainId == ChainOptions.DevAccountsChainId;
}
