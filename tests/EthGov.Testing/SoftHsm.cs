using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using EthGov.Chain.Keys.Pkcs11;

namespace EthGov.Testing;

/// <summary>
/// SoftHSM2 (Debian's softhsm2) as the PKCS#11 module of the key tests: one token folder per test process in a temporary
/// folder (SOFTHSM2_CONF points at its configuration before the module is first loaded, and a module is loaded once per
/// process), with two tokens initialised by softhsm2-util: <see cref="KeysToken"/> for the keys the tests generate, and
/// <see cref="PinToken"/>, on which no test logs in successfully, for the wrong-PIN tests (a token once logged in
/// accepts any later login of the process).
/// </summary>
public sealed class SoftHsm
{
    /// <summary>Where Debian's softhsm2 puts the module.</summary>
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";

    /// <summary>The token the tests generate keys in.</summary>
    public const string KeysToken = "ethgov-keys";

    /// <summary>The token only wrong PINs are tried on.</summary>
    public const string PinToken = "ethgov-pin";

    private static readonly Lazy<SoftHsm> s_shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private SoftHsm(string folder, string pin)
    {
        Folder = folder;
        Pin = pin;
        PinFile = Path.Combine(folder, "pin");
        ConfigFile = Path.Combine(folder, "softhsm2.conf");
    }

    /// <summary>Why the PKCS#11 tests cannot run here, or null when softhsm2 is installed (scripts/lib/setup.sh installs it).</summary>
    public static string? MissingReason =>
        File.Exists(ModulePath) && File.Exists("/usr/bin/softhsm2-util")
            ? null
            : $"softhsm2 is not installed ({ModulePath} and softhsm2-util are missing): scripts/test.sh installs it from Debian's packages";

    /// <summary>The token folder of this test process, created on first use.</summary>
    public static SoftHsm Shared => s_shared.Value;

    /// <summary>The temporary folder holding the configuration, the tokens and the PIN file.</summary>
    public string Folder { get; }

    /// <summary>The SoftHSM2 configuration naming the token folder: SOFTHSM2_CONF for a process the test starts.</summary>
    public string ConfigFile { get; }

    /// <summary>The user PIN of both tokens.</summary>
    public string Pin { get; }

    /// <summary>A file holding <see cref="Pin"/>, for <c>pin-source=file:</c>.</summary>
    public string PinFile { get; }

    /// <summary>The URI of key <paramref name="label"/> in <paramref name="token"/> with the PIN from <see cref="PinFile"/>.</summary>
    public string Uri(string label, string token = KeysToken, string? pinSource = null)
        => $"pkcs11:token={token};object={label}?module-path={ModulePath}&pin-source={pinSource ?? "file:" + PinFile}";

    /// <summary>Generates a secp256k1 signer key with a fresh label; returns its URI.</summary>
    public string NewSignerKey()
    {
        var uri = Uri("signer-" + Guid.NewGuid().ToString("N"));
        Pkcs11KeyGenerator.Generate(Pkcs11Uri.Parse(uri), EcCurve.Secp256k1, Pkcs11KeyGenerator.Usage.Sign);
        return uri;
    }

    /// <summary>Generates the two P-256 keys of a node key with a fresh label; returns the node key's URI.</summary>
    public string NewNodeKey()
    {
        var label = "node-" + Guid.NewGuid().ToString("N");
        Pkcs11KeyGenerator.Generate(Pkcs11Uri.Parse(Uri(label + "-signing")), EcCurve.P256, Pkcs11KeyGenerator.Usage.Sign);
        Pkcs11KeyGenerator.Generate(Pkcs11Uri.Parse(Uri(label + "-encryption")), EcCurve.P256, Pkcs11KeyGenerator.Usage.Derive);
        return Uri(label);
    }

    private static SoftHsm Create()
    {
        if (MissingReason is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var folder = Directory.CreateTempSubdirectory("ethgov-softhsm-").FullName;
        var tokens = Directory.CreateDirectory(Path.Combine(folder, "tokens")).FullName;
        var config = Path.Combine(folder, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        // The module reads SOFTHSM2_CONF with getenv; .NET's Environment.SetEnvironmentVariable changes only .NET's copy.
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", config);
        if (NativeMethods.setenv("SOFTHSM2_CONF", config, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        }

        var pin = Random.Shared.Next(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture);
        var hsm = new SoftHsm(folder, pin);
        File.WriteAllText(hsm.PinFile, pin + "\n");
        foreach (var token in new[] { KeysToken, PinToken })
        {
            InitToken(config, token, pin);
        }

        return hsm;
    }

    private static void InitToken(string config, string label, string pin)
    {
        var start = new ProcessStartInfo("softhsm2-util") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--init-token", "--free", "--label", label, "--so-pin", pin + "0", "--pin", pin })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SOFTHSM2_CONF"] = config;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"softhsm2-util --init-token {label} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int setenv(string name, string value, int overwrite);
    }
}
