using EthGov.Api.Problems;

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

    /// <summary>A passkey answer refused; the value is the passkey check's own account.</summary>
    public static readonly ProblemTemplate<object?> Refused = new(
        "{0}",
        "通行密钥的答复未通过检查：{0}");
}
