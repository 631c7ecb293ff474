using EthGov.Api.Problems;
using EthGov.Application.Staff;

namespace EthGov.Api.Staff;

/// <summary>The detail sentences of this folder's problems, in English and Simplified Chinese.</summary>
public static class StaffTexts
{
    /// <summary>the name or the password is not right, or the account may not sign in now; repeated failures lock the account </summary>
    public static readonly ProblemSentence TheNameOrThePasswordIs = new(
        "the name or the password is not right, or the account may not sign in now; repeated failures lock the account for a while",
        "用户名或密码不正确，或该账户现在不能登录；多次失败会暂时锁定账户");

    /// <summary>sign in with POST /api/v1/session</summary>
    public static readonly ProblemSentence SignInWithPOSTApiV1 = new(
        "sign in with POST /api/v1/session",
        "请用 POST /api/v1/session 登录");

    /// <summary>send the csrfToken of GET /api/v1/session in the {0} header</summary>
    public static readonly ProblemTemplate<object?> SendTheCsrfTokenOfGETApi = new(
        "send the csrfToken of GET /api/v1/session in the {0} header",
        "请在 {0} 请求头中发送 GET /api/v1/session 返回的 csrfToken");

    /// <summary>the account was given a one-time password: change it with POST /api/v1/session/password</summary>
    public static readonly ProblemSentence TheAccountWasGivenAOne = new(
        "the account was given a one-time password: change it with POST /api/v1/session/password",
        "该账户使用的是一次性密码：请用 POST /api/v1/session/password 修改");

    /// <summary>every action of a clerk is written to the audit first; try again when the node's database accepts writes</summary>
    public static readonly ProblemSentence EveryActionOfAClerkIs = new(
        "every action of a clerk is written to the audit first; try again when the node's database accepts writes",
        "工作人员的每项操作都先写入审计记录；请在节点数据库可以写入时重试");

    /// <summary>A new password shorter than the least length.</summary>
    public static readonly ProblemTemplate<int> PasswordTooShort = new(
        "a password needs at least {0} characters",
        "新密码不可接受：密码至少需要 {0} 个字符");

    /// <summary>A new password longer than the most length.</summary>
    public static readonly ProblemTemplate<int> PasswordTooLong = new(
        "a password has at most {0} characters",
        "新密码不可接受：密码最多 {0} 个字符");

    /// <summary>A new password holding the sign-in name.</summary>
    public static readonly ProblemSentence PasswordContainsName = new(
        "a password may not contain the sign-in name",
        "新密码不可接受：密码不得包含登录名");

    /// <summary>A new password of too few different characters.</summary>
    public static readonly ProblemTemplate<int> PasswordTooFewDistinct = new(
        "a password needs at least {0} different characters",
        "新密码不可接受：密码至少需要 {0} 个不同的字符");

    /// <summary>A new password equal to the current one.</summary>
    public static readonly ProblemSentence PasswordSameAsCurrent = new(
        "the new password must differ from the current one",
        "新密码不可接受：新密码必须与当前密码不同");

    /// <summary>The sentence for <paramref name="rejection"/>.</summary>
    public static ProblemText PasswordRejected(PasswordRejection rejection) => rejection switch
    {
        PasswordRejection.TooShort => PasswordTooShort.With(StaffPasswords.MinLength),
        PasswordRejection.TooLong => PasswordTooLong.With(StaffPasswords.MaxLength),
        PasswordRejection.ContainsName => PasswordContainsName,
        PasswordRejection.TooFewDistinct => PasswordTooFewDistinct.With(StaffPasswords.MinDistinct),
        _ => PasswordSameAsCurrent,
    };

    /// <summary>The provider vouched for a person no active account is bound to.</summary>
    public static readonly ProblemSentence OidcNoBoundAccount = new(
        "the department's provider confirmed who you are, but no clerk's account of this node is bound to you, or it may not sign in now; ask the node's administrator (ethgov staff link)",
        "部门的身份提供方已确认您的身份，但本节点没有与您绑定的工作人员账户，或该账户现在不能登录；请联系节点管理员（ethgov staff link）");

    /// <summary>The answer at the OpenID Connect callback did not check out.</summary>
    public static readonly ProblemSentence OidcCallbackDidNotCheckOut = new(
        "the sign-in's state, correlation cookie or id token did not check out (an old, replayed or forged answer, or one from another browser); start again with GET /api/v1/session/oidc",
        "登录的 state、关联 cookie 或 ID 令牌未通过核对（旧的、重放的或伪造的答复，或来自另一个浏览器）；请用 GET /api/v1/session/oidc 重新开始");

    /// <summary>No provider is configured.</summary>
    public static readonly ProblemSentence OidcSignInWithPassword = new(
        "sign in with name and password (POST /api/v1/session)",
        "请用用户名和密码登录（POST /api/v1/session）");

    /// <summary>The provider cannot be reached.</summary>
    public static readonly ProblemSentence OidcTryLater = new(
        "try again later, or sign in with name and password",
        "请稍后再试，或用用户名和密码登录");
}
