using EthGov.Api.Problems;

namespace EthGov.Api.Consents;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class ConsentTexts
{
    /// <summary>no consent request of this node has this link</summary>
    public static readonly ProblemSentence NoConsentRequestOfThisNode = new(
        "no consent request of this node has this link",
        "本节点没有与此链接对应的同意请求");

    /// <summary>the link worked until {0:O}; the department must ask again</summary>
    public static readonly ProblemTemplate<object?> TheLinkWorkedUntilTheDepartment = new(
        "the link worked until {0:O}; the department must ask again",
        "该链接的有效期至 {0:O}；部门须重新请求");

    /// <summary>grant {0} was revoked; nothing is left to sign</summary>
    public static readonly ProblemTemplate<object?> GrantWasRevokedNothingIsLeft = new(
        "grant {0} was revoked; nothing is left to sign",
        "授权 {0} 已撤销；无需再签署");

    /// <summary>clientDataJson, authenticatorData and signature: the response of navigator.credentials.get, in base64url</summary>
    public static readonly ProblemSentence ClientDataJsonAuthenticatorDataAndSignatureTheResponse = new(
        "clientDataJson, authenticatorData and signature: the response of navigator.credentials.get, in base64url",
        "clientDataJson、authenticatorData 和 signature：navigator.credentials.get 的答复，以 base64url 编码");

    /// <summary>the department holding the record has no signer on this node</summary>
    public static readonly ProblemSentence TheDepartmentHoldingTheRecordHas = new(
        "the department holding the record has no signer on this node",
        "持有该记录的部门在本节点上没有签名密钥");
}
