using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nethereum.Util;

namespace EthGov.Chain.Signing;

/// <summary>
/// A new key's agreement to join one department: its EIP-712 signature of
/// <c>SignerConsent(uint32 departmentId,uint256 nonce,uint256 deadline)</c> (nonce: the key's <c>nonces()</c>), which
/// <c>requestAddSigner</c> requires so that nobody can register another department's key first. The holder of the new
/// key makes it (<c>ethgov keys consent</c>) and hands it to the department as a file (JSON, every field) or as a
/// token (<see cref="Token"/>: only deadline and signature; the rest is what the department expects).
/// </summary>
/// <param name="ChainId">The chain of the registry the consent is for.</param>
/// <param name="Registry">The registry's address (the EIP-712 verifying contract).</param>
/// <param name="DepartmentId">The department the key agrees to join.</param>
/// <param name="Signer">The new key's address.</param>
/// <param name="Nonce">The key's nonce when it signed; the registry consumes it, so a consent works once.</param>
/// <param name="Deadline">After this chain time the registry refuses the consent.</param>
/// <param name="Signature">The 65-byte signature.</param>
public sealed record SignerConsent(ulong ChainId, string Registry, uint DepartmentId, string Signer, BigInteger Nonce, DateTimeOffset Deadline, byte[] Signature)
{
    private const int TokenBytes = 8 + 65;

    /// <summary>How many hex digits a token has after its 0x.</summary>
    public const int TokenHexDigits = 2 * TokenBytes;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Signs the consent of <paramref name="newKey"/> to join <paramref name="departmentId"/>.</summary>
    public static SignerConsent Create(EthGov.Chain.Keys.SignerKey newKey, ulong chainId, string registry, uint departmentId, BigInteger nonce, DateTimeOffset deadline)
    {
        var seconds = DateTimeOffset.FromUnixTimeSeconds(deadline.ToUnixTimeSeconds());
        var signature = new TypedDataSigner(chainId, registry).Sign(Message(departmentId, nonce, seconds), newKey);
        return new SignerConsent(chainId, registry, departmentId, newKey.Address, nonce, seconds, signature);
    }

    /// <summary>The compact form for a command line or a form field: 0x, the deadline (8 bytes, big-endian seconds), the signature.</summary>
    public string Token
    {
        get
        {
            var bytes = new byte[TokenBytes];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)Deadline.ToUnixTimeSeconds());
            Signature.CopyTo(bytes.AsSpan(8));
            return "0x" + Convert.ToHexStringLower(bytes);
        }
    }

    /// <summary>The address that signed this consent's message (for its department, nonce and deadline).</summary>
    public string RecoverSigner()
        => new TypedDataSigner(ChainId, Registry).Recover(Message(DepartmentId, Nonce, Deadline), Signature);

    /// <summary>
    /// Why the registry would refuse this consent for <paramref name="signer"/> joining <paramref name="departmentId"/>
    /// of <paramref name="registry"/> on <paramref name="chainId"/> while the key's nonce is <paramref name="nonce"/>,
    /// or null when it would accept it: one sentence naming what differs.
    /// </summary>
    public string? Mismatch(ulong chainId, string registry, uint departmentId, string signer, BigInteger nonce, DateTimeOffset now)
        => MismatchOf(chainId, registry, departmentId, signer, nonce, now) is { } fault ? Describe(fault, chainId, registry, departmentId, signer, nonce) : null;

    /// <summary>What <see cref="Mismatch"/> says, as a code; null when the registry would accept the consent.</summary>
    public SignerConsentFault? MismatchOf(ulong chainId, string registry, uint departmentId, string signer, BigInteger nonce, DateTimeOffset now)
    {
        if (ChainId != chainId || !string.Equals(Registry, registry, StringComparison.OrdinalIgnoreCase))
        {
            return SignerConsentFault.OtherRegistry;
        }

        if (!string.Equals(Signer, signer, StringComparison.OrdinalIgnoreCase))
        {
            return SignerConsentFault.OtherKey;
        }

        if (DepartmentId != departmentId)
        {
            return SignerConsentFault.OtherDepartment;
        }

        if (Nonce != nonce)
        {
            return SignerConsentFault.NonceMoved;
        }

        if (Deadline <= now)
        {
            return SignerConsentFault.Expired;
        }

        return string.Equals(RecoverSigner(), signer, StringComparison.OrdinalIgnoreCase) ? null : SignerConsentFault.NotSignedByKey;
    }

    /// <summary>
    /// The English sentence for a mismatch <paramref name="fault"/> of this consent against what was expected
    /// (<paramref name="chainId"/>, <paramref name="registry"/>, <paramref name="departmentId"/>, <paramref name="signer"/>, <paramref name="nonce"/>).
    /// </summary>
    public string Describe(SignerConsentFault fault, ulong chainId, string registry, uint departmentId, string signer, BigInteger nonce) => fault switch
    {
        SignerConsentFault.OtherRegistry => $"the consent is for registry {Registry} on chain {ChainId}, not registry {registry} on chain {chainId}",
        SignerConsentFault.OtherKey => $"the consent is by key {Signer}, not by {signer}",
        SignerConsentFault.OtherDepartment => $"the consent was signed for department {DepartmentId}, not for department {departmentId}: key {signer} agreed to join another department",
        SignerConsentFault.NonceMoved => $"the consent was signed at nonce {Nonce} of key {signer}, whose nonce is now {nonce}: it was used, or a newer signature of that key was; sign a new one",
        SignerConsentFault.Expired => $"the consent expired at {DeadlineText}; sign a new one",
        _ => $"the signature is not key {signer}'s consent to join department {departmentId} (signed for another department, registry or nonce, or by another key)",
    };

    /// <summary>The deadline as refusals print it: UTC, to the second.</summary>
    public string DeadlineText => Deadline.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The consent as a JSON file.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new File(ChainId, Registry, DepartmentId, Signer, Nonce.ToString(CultureInfo.InvariantCulture), Deadline.ToUnixTimeSeconds(), "0x" + Convert.ToHexStringLower(Signature)), s_json);

    /// <summary>
    /// Reads a consent from <paramref name="text"/>: a JSON file as <see cref="ToJson"/> writes it, or a
    /// <see cref="Token"/>, to which the consent the caller expects (<paramref name="chainId"/>, <paramref name="registry"/>,
    /// <paramref name="departmentId"/>, <paramref name="signer"/>, <paramref name="nonce"/>) adds the fields a token leaves out.
    /// </summary>
    public static bool TryParse(string text, ulong chainId, string registry, uint departmentId, string signer, BigInteger nonce,
        out SignerConsent? consent, out string? error)
    {
        var read = TryParse(text, chainId, registry, departmentId, signer, nonce, out consent, out var fault, out var notJson);
        error = read ? null : DescribeUnread(fault!.Value, notJson);
        return read;
    }

    /// <summary>
    /// As <see cref="TryParse(string, ulong, string, uint, string, BigInteger, out SignerConsent?, out string?)"/>, with the
    /// refusal as a code, and for a file that is not JSON the serializer's exception (its message, line and byte).
    /// </summary>
    public static bool TryParse(string text, ulong chainId, string registry, uint departmentId, string signer, BigInteger nonce,
        out SignerConsent? consent, out SignerConsentFault? fault, out JsonException? notJson)
    {
        ArgumentNullException.ThrowIfNull(text);
        consent = null;
        notJson = null;
        text = text.Trim();
        if (text.StartsWith('{'))
        {
            return TryParseJson(text, out consent, out fault, out notJson);
        }

        if (text.Length != 2 + (2 * TokenBytes) || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !IsHex(text.AsSpan(2)))
        {
            fault = SignerConsentFault.NotAConsent;
            return false;
        }

        var bytes = Convert.FromHexString(text.AsSpan(2));
        var seconds = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        if (seconds > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            fault = SignerConsentFault.DeadlineBeyond9999;
            return false;
        }

        consent = new SignerConsent(chainId, registry, departmentId, signer, nonce, DateTimeOffset.FromUnixTimeSeconds((long)seconds), bytes[8..]);
        fault = null;
        return true;
    }

    /// <summary>The English sentence for a parse <paramref name="fault"/>; <paramref name="notJson"/> for <see cref="SignerConsentFault.FileNotJson"/>.</summary>
    public static string DescribeUnread(SignerConsentFault fault, JsonException? notJson) => fault switch
    {
        SignerConsentFault.NotAConsent => $"a consent is a JSON file written by `ethgov keys consent` or its token: 0x + {TokenHexDigits} hex digits",
        SignerConsentFault.DeadlineBeyond9999 => "the consent token's deadline is beyond the year 9999",
        SignerConsentFault.FileNotJson => $"the consent file is not valid JSON: {notJson?.Message}",
        _ => "the consent file needs chainId, registry, departmentId, signer, nonce, deadline (unix seconds) and a 65-byte signature (0x + 130 hex digits)",
    };

    private static bool TryParseJson(string text, out SignerConsent? consent, out SignerConsentFault? fault, out JsonException? notJson)
    {
        consent = null;
        notJson = null;
        File? file;
        try
        {
            file = JsonSerializer.Deserialize<File>(text, s_json);
        }
        catch (JsonException ex)
        {
            notJson = ex;
            fault = SignerConsentFault.FileNotJson;
            return false;
        }

        if (file is null || file.Registry is null || !AddressUtil.Current.IsValidEthereumAddressHexFormat(file.Registry)
            || file.Signer is null || !AddressUtil.Current.IsValidEthereumAddressHexFormat(file.Signer)
            || !BigInteger.TryParse(file.Nonce, NumberStyles.None, CultureInfo.InvariantCulture, out var nonce)
            || file.Deadline is < 1 || file.Deadline > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || file.Signature is not { Length: 132 } signature || !signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !IsHex(signature.AsSpan(2)))
        {
            fault = SignerConsentFault.FileIncomplete;
            return false;
        }

        consent = new SignerConsent(file.ChainId, file.Registry, file.DepartmentId, file.Signer, nonce,
            DateTimeOffset.FromUnixTimeSeconds(file.Deadline), Convert.FromHexString(signature.AsSpan(2)));
        fault = null;
        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static SignerConsentTyped Message(uint departmentId, BigInteger nonce, DateTimeOffset deadline)
        => new() { DepartmentId = departmentId, Nonce = nonce, Deadline = deadline.ToUnixTimeSeconds() };

    private sealed record File(
        [property: JsonPropertyName("chainId")] ulong ChainId,
        [property: JsonPropertyName("registry")] string? Registry,
        [property: JsonPropertyName("departmentId")] uint DepartmentId,
        [property: JsonPropertyName("signer")] string? Signer,
        [property: JsonPropertyName("nonce")] string? Nonce,
        [property: JsonPropertyName("deadline")] long Deadline,
        [property: JsonPropertyName("signature")] string? Signature);
}
