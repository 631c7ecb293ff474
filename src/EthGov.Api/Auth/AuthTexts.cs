using EthGov.Api.Problems;

namespace EthGov.Api.Auth;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class AuthTexts
{
    /// <summary>send the department's key in the {0} header</summary>
    public static readonly ProblemTemplate<object?> SendTheDepartmentSKeyIn = new(
        "send the department's key in the {0} header",
        "请在 {0} 请求头中发送部门的密钥");

    /// <summary>department {0} is unknown to the registry</summary>
    public static readonly ProblemTemplate<object?> DepartmentIsUnknownToTheRegistry = new(
        "department {0} is unknown to the registry",
        "登记合约中没有部门 {0}");

    /// <summary>configure EthGov:Signers:{0}</summary>
    public static readonly ProblemTemplate<object?> ConfigureEthGovSigners = new(
        "configure EthGov:Signers:{0}",
        "请配置 EthGov:Signers:{0}");

    /// <summary>the rate limit of this key was reached; retry after a second</summary>
    public static readonly ProblemSentence TheRateLimitOfThisKey = new(
        "the rate limit of this key was reached; retry after a second",
        "已达到此密钥的请求频率上限；请一秒后重试");

    /// <summary>401 for a key sent but not known.</summary>
    public static readonly ProblemSentence KeyUnknown = new(
        "the API key is unknown or revoked",
        "API 密钥未知或已撤销");

    /// <summary>403 for a key acting for another department.</summary>
    public static readonly ProblemSentence OwnDepartmentOnly = new(
        "a key acts for its own department only",
        "密钥只能代表本部门操作");
}
