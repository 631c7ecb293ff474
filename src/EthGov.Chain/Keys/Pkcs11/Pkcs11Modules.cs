using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace EthGov.Chain.Keys.Pkcs11;

/// <summary>
/// The PKCS#11 libraries this process has loaded, one per path, kept for the life of the process: C_Initialize may run
/// once per process and C_Finalize would end every other session on the module, so a module is never unloaded.
/// </summary>
internal static class Pkcs11Modules
{
    private static readonly ConcurrentDictionary<string, Lazy<IPkcs11Library>> s_loaded = new(StringComparer.Ordinal);

    static Pkcs11Modules()
    {
        // Pkcs11Interop loads its modules through dlopen from "libdl", a name only the C development files provide
        // (libdl.so); glibc's runtime is libdl.so.2 (since glibc 2.34 a stub over libc.so.6, which has dlopen itself).
        NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, (name, _, _) =>
            name == "libdl" && !OperatingSystem.IsWindows() && (NativeLibrary.TryLoad("libdl.so.2", out var handle) || NativeLibrary.TryLoad("libc.so.6", out handle))
                ? handle
                : IntPtr.Zero);
    }

    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>The module at <paramref name="path"/>, loaded and initialised on first use.</summary>
    /// <exception cref="Pkcs11KeyException">The file is missing or is not a PKCS#11 module.</exception>
    public static IPkcs11Library Get(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new Pkcs11KeyException($"PKCS#11 module '{path}' does not exist (install the HSM's library, or softhsm2 for tests)");
        }

        var lazy = s_loaded.GetOrAdd(full, p => new Lazy<IPkcs11Library>(
            () => Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, p, AppType.MultiThreaded), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            s_loaded.TryRemove(new KeyValuePair<string, Lazy<IPkcs11Library>>(full, lazy));
            throw new Pkcs11KeyException($"cannot load PKCS#11 module '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>The slot whose token has <paramref name="label"/>.</summary>
    /// <exception cref="Pkcs11KeyException">No token has that label.</exception>
    public static ISlot Token(IPkcs11Library library, string path, string label)
    {
        var slots = library.GetSlotList(SlotsType.WithTokenPresent);
        foreach (var slot in slots)
        {
            var info = slot.GetTokenInfo();
            if (info.TokenFlags.TokenInitialized && string.Equals(info.Label.TrimEnd(), label, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        throw new Pkcs11KeyException($"PKCS#11 module '{path}' has no token labelled '{label}' ({slots.Count} token(s) present)");
    }

    /// <summary>Opens a read-write session on the token of <paramref name="uri"/> and logs the user in with the URI's PIN.</summary>
    /// <exception cref="Pkcs11KeyException">The module, the token or the PIN fails.</exception>
    /// <exception cref="InvalidOperationException">The PIN's source gives no PIN.</exception>
    public static ISession OpenSession(Pkcs11Uri uri)
    {
        var library = Get(uri.ModulePath);
        var slot = Token(library, uri.ModulePath, uri.Token);
        var pin = uri.ReadPin();
        var session = slot.OpenSession(SessionType.ReadWrite);
        try
        {
            session.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Login state belongs to the application and the token, not the session: another key of this process logged in.
        }
        catch (Pkcs11Exception ex)
        {
            session.Dispose();
            throw new Pkcs11KeyException(ex.RV switch
            {
                CKR.CKR_PIN_INCORRECT => $"PKCS#11 token '{uri.Token}' refused the PIN (CKR_PIN_INCORRECT): check {PinSourceName(uri)}",
                CKR.CKR_PIN_LOCKED => $"PKCS#11 token '{uri.Token}' has locked its user PIN (CKR_PIN_LOCKED): the security officer must unlock it",
                CKR.CKR_PIN_LEN_RANGE => $"PKCS#11 token '{uri.Token}' refused the PIN's length (CKR_PIN_LEN_RANGE): check {PinSourceName(uri)}",
                _ => $"PKCS#11 token '{uri.Token}' refused the login ({ex.RV})",
            }, ex);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return session;
    }

    private static string PinSourceName(Pkcs11Uri uri) => uri.PinSource ?? Pkcs11Uri.DefaultPinVariable;
}
