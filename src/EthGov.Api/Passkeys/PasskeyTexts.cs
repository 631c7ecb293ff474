using EthGov.Api.Problems;
using EthGov.Application.Passkeys;

namespace EthGov.Api.Passkeys;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class PasskeyTexts
{
    /// <summary>configure EthGov:Passkeys:Origin (or EthGov:PublicBaseUrl): the origin of this node's page, http://localhost:p</summary>
    public static readonly ProblemSentence ConfigureEthGovPasskeysOriginOrEthGov = new(
        "configure EthGov:Passkeys:Origin (or EthGov:PublicBaseUrl): the origin of this node's page, http://localhost:port in development",
        "请配置 EthGov:Passkeys:Origin（或 EthGov:PublicBaseUrl）：本节点页面的来源，开发时为 http://localhost:port");

    /// <summary>no such registration code was issued by this node; check it as printed</summary>
    public static readonly ProblemSentence NoSuchRegistrationCodeWasIssued = new(
        "no such registration code was issued by this node; check it as printed",
        "本节点没有签发此登记码；请按打印的内容核对");

    /// <summary>a passkey was registered with this code at {0:O}; ask the department for a new code</summary>
    public static readonly ProblemTemplate<object?> APasskeyWasRegisteredWithThis = new(
        "a passkey was registered with this code at {0:O}; ask the department for a new code",
        "已于 {0:O} 用此登记码注册了通行密钥；请向部门索取新的登记码");

    /// <summary>the code expired at {0:O}; ask the department for a new code</summary>
    public static readonly ProblemTemplate<object?> TheCodeExpiredAtAskThe = new(
        "the code expired at {0:O}; ask the department for a new code",
        "该登记码已于 {0:O} 过期；请向部门索取新的登记码");

    /// <summary>record {0} is bound to a passkey; revoke that binding (DELETE /api/v1/records/{1}/passkey) before issuing a ne</summary>
    public static readonly ProblemTemplate<object?, object?> RecordIsBoundToAPasskey = new(
        "record {0} is bound to a passkey; revoke that binding (DELETE /api/v1/records/{1}/passkey) before issuing a new code",
        "记录 {0} 已绑定通行密钥；签发新登记码前请先撤销该绑定（DELETE /api/v1/records/{1}/passkey）");

    /// <summary>record {0} is bound to no passkey on this node</summary>
    public static readonly ProblemTemplate<object?> RecordIsBoundToNoPasskey = new(
        "record {0} is bound to no passkey on this node",
        "记录 {0} 在本节点上没有绑定通行密钥");

    /// <summary>role: self or guardian</summary>
    public static readonly ProblemSentence RoleSelfOrGuardian = new(
        "role: self or guardian",
        "role：self 或 guardian");

    /// <summary>clientDataJson and attestationObject: the response of navigator.credentials.create, in base64url</summary>
    public static readonly ProblemSentence ClientDataJsonAndAttestationObjectTheResponseOf = new(
        "clientDataJson and attestationObject: the response of navigator.credentials.create, in base64url",
        "clientDataJson 和 attestationObject：navigator.credentials.create 的答复，以 base64url 编码");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.ClientDataTooLong"/>.</summary>
    public static readonly ProblemTemplate<string> RefusedClientDataTooLong = new(
        "the client data is longer than {0} bytes",
        "通行密钥的答复未通过检查：客户端数据超过 {0} 字节");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.ClientDataNotObject"/>.</summary>
    public static readonly ProblemSentence RefusedClientDataNotObject = new(
        "the client data is not a JSON object",
        "通行密钥的答复未通过检查：客户端数据不是 JSON 对象");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.ClientDataNotSerialized"/>.</summary>
    public static readonly ProblemTemplate<string> RefusedClientDataNotSerialized = new(
        "the client data does not begin as WebAuthn serializes it ({0})",
        "通行密钥的答复未通过检查：客户端数据的开头不符合 WebAuthn 的序列化格式（{0}）");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.ClientDataNoChallenge"/>.</summary>
    public static readonly ProblemSentence RefusedClientDataNoChallenge = new(
        "the client data carries no 32-byte challenge in base64url",
        "通行密钥的答复未通过检查：客户端数据中没有以 base64url 编码的 32 字节质询");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.ClientDataWrongType"/>.</summary>
    public static readonly ProblemTemplate<string, string> RefusedClientDataWrongType = new(
        "the client data is of type \"{0}\", not \"{1}\"",
        "通行密钥的答复未通过检查：客户端数据的类型是 \"{0}\"，而不是 \"{1}\"");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.OtherChallenge"/>.</summary>
    public static readonly ProblemSentence RefusedOtherChallenge = new(
        "the client data carries another challenge than the one this answer must sign",
        "通行密钥的答复未通过检查：客户端数据中的质询不是此答复应签署的质询");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.ChallengeNotForSignIn"/>.</summary>
    public static readonly ProblemSentence RefusedChallengeNotForSignIn = new(
        "the client data carries a challenge this node did not hand out for a sign-in",
        "通行密钥的答复未通过检查：客户端数据中的质询不是本节点为登录发出的");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.NoOpenChallenge"/>.</summary>
    public static readonly ProblemSentence RefusedNoOpenChallenge = new(
        "no challenge of this request is open (none was asked for, or its deadline passed): ask for a new one",
        "通行密钥的答复未通过检查：此请求没有未结的质询（未曾请求，或已过期限）：请重新请求");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.NoChallengeForCode"/>.</summary>
    public static readonly ProblemSentence RefusedNoChallengeForCode = new(
        "no challenge was handed out for this code: ask for the registration options first",
        "通行密钥的答复未通过检查：没有为此登记码发出质询：请先获取注册选项");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.WrongOrigin"/>.</summary>
    public static readonly ProblemTemplate<string, string> RefusedWrongOrigin = new(
        "the client data names the origin \"{0}\", not {1}",
        "通行密钥的答复未通过检查：客户端数据指明的来源是 \"{0}\"，而不是 {1}");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.WrongOriginCrossFrame"/>.</summary>
    public static readonly ProblemTemplate<string, string> RefusedWrongOriginCrossFrame = new(
        "the client data names the origin \"{0}\" in a cross-origin frame, not {1}",
        "通行密钥的答复未通过检查：客户端数据在跨来源框架中指明来源 \"{0}\"，而不是 {1}");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.OtherRelyingParty"/>.</summary>
    public static readonly ProblemTemplate<string> RefusedOtherRelyingParty = new(
        "the authenticator data was made for another relying party id than {0}",
        "通行密钥的答复未通过检查：验证器数据是为 {0} 以外的依赖方标识生成的");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.UserNotVerified"/>.</summary>
    public static readonly ProblemTemplate<string> RefusedUserNotVerified = new(
        "the authenticator data's flags are 0x{0}: the user must be present (0x01) and verified (0x04)",
        "通行密钥的答复未通过检查：验证器数据的标志为 0x{0}：用户须在场（0x01）并已验证（0x04）");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.NotP256"/>.</summary>
    public static readonly ProblemSentence RefusedNotP256 = new(
        "the credential's public key is not an ES256 key on P-256 (COSE kty 2, alg -7, crv 1)",
        "通行密钥的答复未通过检查：凭据的公钥不是 P-256 上的 ES256 密钥（COSE kty 2、alg -7、crv 1）");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.AttestationTooManyEntries"/>.</summary>
    public static readonly ProblemSentence RefusedAttestationTooManyEntries = new(
        "the attestation object has more entries than WebAuthn defines",
        "通行密钥的答复未通过检查：证明对象的条目多于 WebAuthn 的定义");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.AttestationNotCbor"/>.</summary>
    public static readonly ProblemSentence RefusedAttestationNotCbor = new(
        "the attestation object is not the CBOR map WebAuthn defines",
        "通行密钥的答复未通过检查：证明对象不是 WebAuthn 定义的 CBOR 映射");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.AttestationNoAuthenticatorData"/>.</summary>
    public static readonly ProblemSentence RefusedAttestationNoAuthenticatorData = new(
        "the attestation object carries no authenticator data with a credential",
        "通行密钥的答复未通过检查：证明对象中没有含凭据的验证器数据");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.NoAttestedCredential"/>.</summary>
    public static readonly ProblemSentence RefusedNoAttestedCredential = new(
        "the authenticator data has no attested credential data",
        "通行密钥的答复未通过检查：验证器数据中没有经证明的凭据数据");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.CredentialIdLength"/>.</summary>
    public static readonly ProblemSentence RefusedCredentialIdLength = new(
        "the credential id's length does not fit the authenticator data",
        "通行密钥的答复未通过检查：凭据 ID 的长度与验证器数据不符");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.AuthenticatorDataLength"/>.</summary>
    public static readonly ProblemSentence RefusedAuthenticatorDataLength = new(
        "the authenticator data is shorter than 37 bytes or longer than 1,024",
        "通行密钥的答复未通过检查：验证器数据短于 37 字节或长于 1,024 字节");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.SignatureNotDer"/>.</summary>
    public static readonly ProblemSentence RefusedSignatureNotDer = new(
        "the signature is not a DER-encoded ECDSA signature",
        "通行密钥的答复未通过检查：签名不是 DER 编码的 ECDSA 签名");

    /// <summary>A refused passkey answer: <see cref="PasskeyFault.SignatureDoesNotVerify"/>.</summary>
    public static readonly ProblemSentence RefusedSignatureDoesNotVerify = new(
        "the signature does not verify with the passkey bound to the record",
        "通行密钥的答复未通过检查：签名无法用绑定到该记录的通行密钥验证");

    // How WebAuthn serializes an assertion's client data from its first byte; a sentence cannot hold braces of its own.
    private const string AssertionStart = "{\"type\":\"webauthn.get\",\"challenge\":\"";

    /// <summary>The sentence for <paramref name="refusal"/>, from its code and values.</summary>
    public static ProblemText Refused(PasskeyRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var v = refusal.Values;
        return refusal.Fault switch
        {
            PasskeyFault.ClientDataTooLong => RefusedClientDataTooLong.With(v[0]),
            PasskeyFault.ClientDataNotObject => RefusedClientDataNotObject,
            PasskeyFault.ClientDataNotSerialized => RefusedClientDataNotSerialized.With(AssertionStart),
            PasskeyFault.ClientDataNoChallenge => RefusedClientDataNoChallenge,
            PasskeyFault.ClientDataWrongType => RefusedClientDataWrongType.With(v[0], v[1]),
            PasskeyFault.OtherChallenge => RefusedOtherChallenge,
            PasskeyFault.ChallengeNotForSignIn => RefusedChallengeNotForSignIn,
            PasskeyFault.NoOpenChallenge => RefusedNoOpenChallenge,
            PasskeyFault.NoChallengeForCode => RefusedNoChallengeForCode,
            PasskeyFault.WrongOrigin => RefusedWrongOrigin.With(v[0], v[1]),
            PasskeyFault.WrongOriginCrossFrame => RefusedWrongOriginCrossFrame.With(v[0], v[1]),
            PasskeyFault.OtherRelyingParty => RefusedOtherRelyingParty.With(v[0]),
            PasskeyFault.UserNotVerified => RefusedUserNotVerified.With(v[0]),
            PasskeyFault.NotP256 => RefusedNotP256,
            PasskeyFault.AttestationTooManyEntries => RefusedAttestationTooManyEntries,
            PasskeyFault.AttestationNotCbor => RefusedAttestationNotCbor,
            PasskeyFault.AttestationNoAuthenticatorData => RefusedAttestationNoAuthenticatorData,
            PasskeyFault.NoAttestedCredential => RefusedNoAttestedCredential,
            PasskeyFault.CredentialIdLength => RefusedCredentialIdLength,
            PasskeyFault.AuthenticatorDataLength => RefusedAuthenticatorDataLength,
            PasskeyFault.SignatureNotDer => RefusedSignatureNotDer,
            _ => RefusedSignatureDoesNotVerify,
        };
    }
}
