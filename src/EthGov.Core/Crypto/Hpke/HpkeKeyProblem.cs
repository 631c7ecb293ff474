namespace EthGov.Core.Crypto.Hpke;

/// <summary>Why a key, or the Diffie-Hellman result of one, was refused (RFC 9180 §7.1.4 and §7.1.2).</summary>
public enum HpkeKeyProblem
{
    /// <summary>A public key is not 65 bytes, or a private key not 32.</summary>
    WrongLength,

    /// <summary>A public key does not start with 0x04, the uncompressed SEC1 form that RFC 9180 prescribes.</summary>
    NotUncompressed,

    /// <summary>A public key coordinate is not below the field prime.</summary>
    CoordinateOutOfRange,

    /// <summary>A public key is not a point of P-256.</summary>
    NotOnCurve,

    /// <summary>A private key is zero or not below the group order.</summary>
    ScalarOutOfRange,

    /// <summary>The Diffie-Hellman shared secret is all zero bytes.</summary>
    ZeroSharedSecret,
}
