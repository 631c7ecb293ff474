using EthGov.Api.Problems;

namespace EthGov.Api.MyData;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class MyDataTexts
{
    /// <summary>the challenge worked until {0:O}; ask for a new one</summary>
    public static readonly ProblemTemplate<object?> TheChallengeWorkedUntilAskFor = new(
        "the challenge worked until {0:O}; ask for a new one",
        "该质询的有效期至 {0:O}；请重新获取");

    /// <summary>no record on this node is bound to this passkey (never registered, or the binding was revoked at the counter)</summary>
    public static readonly ProblemSentence NoRecordOnThisNodeIs = new(
        "no record on this node is bound to this passkey (never registered, or the binding was revoked at the counter)",
        "本节点没有绑定此通行密钥的记录（从未注册，或已在柜台撤销绑定）");

    /// <summary>this request needs a citizen's session: sign in with the passkey registered for your record (POST /api/v1/citi</summary>
    public static readonly ProblemSentence ThisRequestNeedsACitizenS = new(
        "this request needs a citizen's session: sign in with the passkey registered for your record (POST /api/v1/citizen/sign-in)",
        "此请求需要公民会话：请用为您的记录注册的通行密钥登录（POST /api/v1/citizen/sign-in）");

    /// <summary>too many sign-in challenges are open on this node; try again in a minute</summary>
    public static readonly ProblemSentence TooManySignInChallengesAre = new(
        "too many sign-in challenges are open on this node; try again in a minute",
        "本节点未完成的登录质询过多；请一分钟后再试");

    /// <summary>credentialId, clientDataJson, authenticatorData and signature: the response of navigator.credentials.get, in b</summary>
    public static readonly ProblemSentence CredentialIdClientDataJsonAuthenticatorDataAndSignatureThe = new(
        "credentialId, clientDataJson, authenticatorData and signature: the response of navigator.credentials.get, in base64url",
        "credentialId、clientDataJson、authenticatorData 和 signature：navigator.credentials.get 的答复，以 base64url 编码");

    /// <summary>grantId: a grant's id, a decimal number</summary>
    public static readonly ProblemSentence GrantIdAGrantSIdA = new(
        "grantId: a grant's id, a decimal number",
        "grantId：授权编号，十进制数字");

    /// <summary>A sign-in challenge used before, with when.</summary>
    public static readonly ProblemTemplate<object?> ChallengeUsedAt = new(
        "this challenge signed a citizen in at {0:O}; a challenge signs in once: ask for a new one",
        "此质询已于 {0:O} 用于登录；一个质询只能登录一次：请重新获取");

    /// <summary>A sign-in challenge used before.</summary>
    public static readonly ProblemSentence ChallengeUsed = new(
        "this challenge signed a citizen in already; ask for a new one",
        "此质询已用于登录；请重新获取");
}
