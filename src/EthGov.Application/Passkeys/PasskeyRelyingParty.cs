using System.Buffers.Text;
using System.Formats.Asn1;
using System.Formats.Cbor;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;

namespace EthGov.Application.Passkeys;

/// <summary>
/// The node as a WebAuthn relying party: its origin (the holder's page, <c>http://localhost:port</c> in development: an IP
/// address cannot be a relying party) and its relying party id, the origin's host. It checks a registration
/// (<c>navigator.credentials.create</c>: client data, then the attested credential's COSE key, read with
/// System.Formats.Cbor) and an assertion (<c>navigator.credentials.get</c>) before anything reaches the chain. The chain
/// checks neither origin nor relying party; the node does, and it alone knows which passkey stands for a record.
/// </summary>
public sealed class PasskeyRelyingParty
{
    /// <summary>The largest client data JSON read, in bytes (a browser's is about 200).</summary>
    public const int MaxClientDataBytes = 2048;

    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;
    private const byte AttestedCredentialData = 0x40;
    private const int AuthenticatorDataMinimum = 37;

    private readonly byte[] _rpIdHash;

    /// <summary>The relying party at <paramref name="origin"/> (scheme, host and port; any path is ignored).</summary>
    public PasskeyRelyingParty(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!origin.IsAbsoluteUri || origin.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("a passkey origin is an absolute http or https URL", nameof(origin));
        }

        Origin = origin.GetLeftPart(UriPartial.Authority);
        RpId = origin.IdnHost;
        _rpIdHash = SHA256.HashData(Encoding.UTF8.GetBytes(RpId));
    }

    /// <summary>The origin the page is served from, as a browser writes it in the client data.</summary>
    public string Origin { get; }

    /// <summary>The relying party id: the origin's host.</summary>
    public string RpId { get; }

    /// <summary>
    /// Checks a registration answer for <paramref name="challenge"/>: <c>webauthn.create</c> client data with that challenge
    /// from <see cref="Origin"/>, authenticator data for <see cref="RpId"/> with the user present and verified, and an ES256
    /// key on P-256. Attestation is not asked for (<c>none</c>): the department vouches for the person, not the device.
    /// </summary>
    public PasskeyCheck<NewPasskey> CheckRegistration(byte[] clientDataJson, byte[] attestationObject, byte[] challenge)
    {
        ArgumentNullException.ThrowIfNull(attestationObject);
        if (CheckClientData(clientDataJson, "webauthn.create", challenge) is { } refused)
        {
            return PasskeyCheck<NewPasskey>.Refuse(refused);
        }

        byte[]? authenticatorData = null;
        try
        {
            var reader = new CborReader(attestationObject, CborConformanceMode.Lax);
            var entries = reader.ReadStartMap();
            if (entries is > 8)
            {
                return Malformed<NewPasskey>(PasskeyFault.AttestationTooManyEntries);
            }

            while (reader.PeekState() != CborReaderState.EndMap)
            {
                var name = reader.ReadTextString();
                if (name == "authData")
                {
                    authenticatorData = reader.ReadByteString();
                }
                else
                {
                    reader.SkipValue();
                }
            }

            reader.ReadEndMap();
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException)
        {
            return Malformed<NewPasskey>(PasskeyFault.AttestationNotCbor);
        }

        if (authenticatorData is null || authenticatorData.Length < AuthenticatorDataMinimum + 18)
        {
            return Malformed<NewPasskey>(PasskeyFault.AttestationNoAuthenticatorData);
        }

        if (CheckAuthenticatorData(authenticatorData) is { } refusal)
        {
            return PasskeyCheck<NewPasskey>.Refuse(refusal);
        }

        if ((authenticatorData[32] & AttestedCredentialData) == 0)
        {
            return Malformed<NewPasskey>(PasskeyFault.NoAttestedCredential);
        }

        // rpIdHash (32), flags (1), signCount (4), aaguid (16), credentialIdLength (2, big-endian), credentialId, COSE key.
        var idLength = (authenticatorData[53] << 8) | authenticatorData[54];
        var keyStart = 55 + idLength;
        if (idLength is 0 or > 1023 || keyStart >= authenticatorData.Length)
        {
            return Malformed<NewPasskey>(PasskeyFault.CredentialIdLength);
        }

        var credentialId = authenticatorData[55..keyStart];
        return ReadCoseKey(authenticatorData.AsMemory(keyStart)) is { } key
            ? PasskeyCheck<NewPasskey>.Pass(new NewPasskey(key.X, key.Y, credentialId))
            : PasskeyCheck<NewPasskey>.Refuse(PasskeyRefusal.Of(PasskeyFault.NotP256));
    }

    /// <summary>
    /// Checks an assertion by <paramref name="binding"/>'s passkey over <paramref name="challenge"/> (the EIP-712 digest the
    /// registry will recompute) and turns it into the registry's form: r and s from the DER signature. It must be
    /// <c>webauthn.get</c> client data from <see cref="Origin"/> in WebAuthn's serialization (the registry finds type and
    /// challenge at fixed offsets), for <see cref="RpId"/>, user present and verified, and verify with the bound key.
    /// </summary>
    public PasskeyCheck<PasskeyAssertion> CheckAssertion(
        byte[] clientDataJson, byte[] authenticatorData, byte[] signature, PasskeyBinding binding, Digest challenge)
    {
        ArgumentNullException.ThrowIfNull(clientDataJson);
        ArgumentNullException.ThrowIfNull(authenticatorData);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(binding);
        if (CheckClientData(clientDataJson, "webauthn.get", challenge.ToArray()) is { } refused)
        {
            return PasskeyCheck<PasskeyAssertion>.Refuse(refused);
        }

        if (!clientDataJson.AsSpan().StartsWith("{\"type\":\"webauthn.get\",\"challenge\":\""u8))
        {
            return Malformed<PasskeyAssertion>(PasskeyFault.ClientDataNotSerialized);
        }

        if (authenticatorData.Length < AuthenticatorDataMinimum || authenticatorData.Length > 1024)
        {
            return Malformed<PasskeyAssertion>(PasskeyFault.AuthenticatorDataLength);
        }

        if (CheckAuthenticatorData(authenticatorData) is { } refusal)
        {
            return PasskeyCheck<PasskeyAssertion>.Refuse(refusal);
        }

        if (ReadSignature(signature) is not { } halves)
        {
            return PasskeyCheck<PasskeyAssertion>.Refuse(PasskeyRefusal.Of(PasskeyFault.SignatureNotDer));
        }

        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = binding.X, Y = binding.Y } });
        byte[] signed = [.. authenticatorData, .. SHA256.HashData(clientDataJson)];
        byte[] fixedSignature = [.. halves.R, .. halves.S];
        if (!key.VerifyData(signed, fixedSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return PasskeyCheck<PasskeyAssertion>.Refuse(PasskeyRefusal.Of(PasskeyFault.SignatureDoesNotVerify));
        }

        return PasskeyCheck<PasskeyAssertion>.Pass(new PasskeyAssertion(binding.X, binding.Y, halves.R, halves.S, authenticatorData, Encoding.UTF8.GetString(clientDataJson)));
    }

    private PasskeyRefusal? CheckClientData(byte[] clientDataJson, string type, byte[] challenge)
    {
        ArgumentNullException.ThrowIfNull(clientDataJson);
        if (clientDataJson.Length > MaxClientDataBytes)
        {
            return PasskeyRefusal.Of(PasskeyFault.ClientDataTooLong, MaxClientDataBytes.ToString(CultureInfo.InvariantCulture));
        }

        string? givenType, givenChallenge, givenOrigin;
        bool crossOrigin;
        try
        {
            using var json = JsonDocument.Parse(clientDataJson, new JsonDocumentOptions { MaxDepth = 4 });
            var root = json.RootElement;
            givenType = Text(root, "type");
            givenChallenge = Text(root, "challenge");
            givenOrigin = Text(root, "origin");
            crossOrigin = root.TryGetProperty("crossOrigin", out var cross) && cross.ValueKind == JsonValueKind.True;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return PasskeyRefusal.Of(PasskeyFault.ClientDataNotObject);
        }

        if (givenType != type)
        {
            return PasskeyRefusal.Of(PasskeyFault.ClientDataWrongType, Shorten(givenType), type);
        }

        byte[] given;
        try
        {
            given = givenChallenge is null ? [] : Base64Url.DecodeFromChars(givenChallenge);
        }
        catch (FormatException)
        {
            given = [];
        }

        if (!CryptographicOperations.FixedTimeEquals(given, challenge))
        {
            return PasskeyRefusal.Of(PasskeyFault.OtherChallenge);
        }

        return givenOrigin != Origin || crossOrigin
            ? PasskeyRefusal.Of(crossOrigin ? PasskeyFault.WrongOriginCrossFrame : PasskeyFault.WrongOrigin, Shorten(givenOrigin), Origin)
            : null;
    }

    private PasskeyRefusal? CheckAuthenticatorData(byte[] authenticatorData)
    {
        if (!CryptographicOperations.FixedTimeEquals(authenticatorData.AsSpan(0, 32), _rpIdHash))
        {
            return PasskeyRefusal.Of(PasskeyFault.OtherRelyingParty, RpId);
        }

        var flags = authenticatorData[32];
        return (flags & (UserPresent | UserVerified)) == (UserPresent | UserVerified)
            ? null
            : PasskeyRefusal.Of(PasskeyFault.UserNotVerified, flags.ToString("x2", CultureInfo.InvariantCulture));
    }

    private static (byte[] X, byte[] Y)? ReadCoseKey(ReadOnlyMemory<byte> cose)
    {
        try
        {
            // Extensions may follow the key in the authenticator data: read one value and leave the rest.
            var reader = new CborReader(cose, CborConformanceMode.Lax, allowMultipleRootLevelValues: true);
            var entries = reader.ReadStartMap();
            if (entries is > 16)
            {
                return null;
            }

            int? kty = null, alg = null, crv = null;
            byte[]? x = null, y = null;
            while (reader.PeekState() != CborReaderState.EndMap)
            {
                if (reader.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
                {
                    return null;
                }

                switch (reader.ReadInt32())
                {
                    case 1: kty = reader.ReadInt32(); break;
                    case 3: alg = reader.ReadInt32(); break;
                    case -1: crv = reader.ReadInt32(); break;
                    case -2: x = reader.ReadByteString(); break;
                    case -3: y = reader.ReadByteString(); break;
                    default: reader.SkipValue(); break;
                }
            }

            reader.ReadEndMap();
            if (kty != 2 || alg != -7 || crv != 1 || x is not { Length: 32 } || y is not { Length: 32 })
            {
                return null;
            }

            // A point off the curve is refused by the import (an invalid-curve key would sign nothing the chain accepts).
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
            return (x, y);
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or OverflowException or CryptographicException)
        {
            return null;
        }
    }

    private static (byte[] R, byte[] S)? ReadSignature(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var r = Unsigned32(sequence.ReadIntegerBytes().Span);
            var s = Unsigned32(sequence.ReadIntegerBytes().Span);
            sequence.ThrowIfNotEmpty();
            reader.ThrowIfNotEmpty();
            return r is null || s is null ? null : (r, s);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static byte[]? Unsigned32(ReadOnlySpan<byte> integer)
    {
        if (integer.Length > 0 && (integer[0] & 0x80) != 0)
        {
            return null;
        }

        var trimmed = integer.TrimStart((byte)0);
        if (trimmed.Length > 32)
        {
            return null;
        }

        var bytes = new byte[32];
        trimmed.CopyTo(bytes.AsSpan(32 - trimmed.Length));
        return bytes;
    }

    private static string? Text(JsonElement root, string name)
        => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 80 ? text : text[..80] + "…";

    private static PasskeyCheck<T> Malformed<T>(PasskeyFault fault)
        where T : class
        => PasskeyCheck<T>.Refuse(PasskeyRefusal.Of(fault));
}
