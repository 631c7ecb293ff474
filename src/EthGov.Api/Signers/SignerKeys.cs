using EthGov.Api.Configuration;
using EthGov.Chain.Keys;
using EthGov.Chain.Transactions;

namespace EthGov.Api.Signers;

/// <summary>
/// The keys of <c>EthGov:Signers:&lt;CODE&gt;</c>, loaded once at start, each with its <see cref="SenderLock"/> held for
/// the life of the process, so that no second process on this host sends with one of them. A keystore path (password in
/// <c>ETHGOV_KEY_PASSWORD</c>), a <c>pkcs11:</c> URI (the key stays in the module; PIN from a file or a variable) or
/// <c>dev:N</c>, which only chain 31337 accepts; plain keys are never read from configuration.
/// </summary>
public sealed class SignerKeys : IDisposable
{
    private readonly List<SenderLock> _locks;

    private SignerKeys(IReadOnlyDictionary<string, SignerKey> accounts, List<SenderLock> locks)
    {
        Accounts = accounts;
        _locks = locks;
    }

    /// <summary>The key of each configured department, by code (case-insensitive).</summary>
    public IReadOnlyDictionary<string, SignerKey> Accounts { get; }

    /// <summary>
    /// Loads every configured key and takes its sender lock in <paramref name="lockDirectory"/> (the default directory
    /// when null); a key that cannot be loaded, or whose lock another process holds, refuses the start with one line.
    /// </summary>
    public static SignerKeys Load(IConfiguration configuration, ulong chainId, string? lockDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var accounts = new Dictionary<string, SignerKey>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configuration.GetSection("EthGov:Signers").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value))
            {
                continue;
            }

            if (entry.Value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                throw new StartupRefusedException($"EthGov:Signers:{entry.Key} looks like a plain private key; give a keystore path (or dev:N on chain 31337)");
            }

            try
            {
                accounts[entry.Key] = KeyLoader.Load(entry.Value, chainId);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException)
            {
                throw new StartupRefusedException($"EthGov:Signers:{entry.Key}: {ex.Message}", ex);
            }
        }

        var directory = string.IsNullOrWhiteSpace(lockDirectory) ? SenderLock.DefaultDirectory : lockDirectory;
        var locks = new List<SenderLock>();
        try
        {
            // One lock per address: a key named for two departments is refused by the check on chain, not here.
            foreach (var (code, account) in accounts.DistinctBy(a => a.Value.Address, StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    locks.Add(SenderLock.Acquire(directory, chainId, account.Address));
                }
                catch (SenderLockTakenException ex)
                {
                    throw new StartupRefusedException($"EthGov:Signers:{code}: {ex.Message}; two processes must never send with one key", ex);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    throw new StartupRefusedException($"EthGov:Signers:{code}: cannot take the sender lock of key {account.Address} in {directory} (EthGov:SenderLockDirectory): {ex.Message}", ex);
                }
            }
        }
        catch
        {
            locks.ForEach(l => l.Dispose());
            throw;
        }

        return new SignerKeys(accounts, locks);
    }

    /// <summary>Releases the sender locks (the process's end releases them too).</summary>
    public void Dispose() => _locks.ForEach(l => l.Dispose());
}
