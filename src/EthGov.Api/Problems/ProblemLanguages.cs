using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EthGov.Api.Problems;

/// <summary>
/// Says a problem's title and detail in the caller's language: English as each route writes them, or Chinese when the
/// request's Accept-Language prefers Chinese (the page sends its own language): the title by problem type, the detail
/// from the catalog sentence the route chose (<see cref="ProblemText"/>), with the same values in it, and so are lists
/// of catalog sentences among the extensions (<see cref="ProblemTextList"/>). The type, status and other extensions
/// never change. A test fails for a problem type of the API without a Chinese title here, and another
/// for a catalog sentence without its Chinese form.
/// </summary>
public static class ProblemLanguages
{
    /// <summary>The Chinese language tag answered in Content-Language.</summary>
    public const string Chinese = "zh-CN";

    /// <summary>The English language tag answered in Content-Language.</summary>
    public const string English = "en";

    private static readonly Dictionary<string, string> s_chinese = new(StringComparer.Ordinal)
    {
        ["invalid-request"] = "请求无效",
        ["invalid-digest"] = "指纹无效",
        ["invalid-receipt"] = "凭证无效",
        ["upload-too-large"] = "上传的文件过大",
        ["request-too-large"] = "请求正文过大",
        ["time-out-of-range"] = "时间超出账本可记录的范围",
        ["unknown-revocation-reason"] = "撤销原因不在公布的代码表中",
        ["unknown-purpose"] = "用途不在公布的代码表中",
        ["export-too-large"] = "导出的行数超过上限",
        ["invalid-cursor"] = "分页游标无效",
        ["unauthorized"] = "需要 API 密钥或登录",
        ["sign-in-failed"] = "登录失败",
        ["csrf-token-invalid"] = "请求的防伪令牌缺失或错误",
        ["password-change-required"] = "须先修改密码",
        ["password-rejected"] = "新密码不可接受",
        ["oidc-sign-in-refused"] = "没有与此身份绑定的有效工作人员账户",
        ["oidc-callback-invalid"] = "身份提供方的回应未通过检查",
        ["oidc-not-configured"] = "本节点未配置统一身份登录",
        ["oidc-provider-unavailable"] = "无法连接部门的身份提供方",
        ["staff-audit-unavailable"] = "无法写入工作人员审计记录；操作未执行",
        ["forbidden"] = "无权执行此操作",
        ["insufficient-scope"] = "API 密钥或角色缺少此操作所需的权限",
        ["department-suspended"] = "该部门已被暂停",
        ["rate-limited"] = "请求过于频繁",
        ["anchored-by-another-department"] = "该指纹已由另一部门申请记入",
        ["anchor-failed"] = "账本拒绝记入该文件",
        ["not-yet-anchored"] = "文件尚未记入账本",
        ["not-issuing-department"] = "只有签发部门可以这样处理该文件",
        ["legacy-document-not-supersedable"] = "1.x 版登记合约中的文件只能撤销，不能取代",
        ["document-not-found"] = "本服务不知道该文件",
        ["department-not-found"] = "登记合约中没有该部门",
        ["outbox-unavailable"] = "请求未能保存；未接受任何内容",
        ["store-unavailable"] = "暂时无法访问节点的数据库",
        ["chain-unavailable"] = "无法连接账本",
        ["chain-rejected"] = "账本节点拒绝了请求",
        ["chain-reset"] = "账本已重置；答复会过时",
        ["signer-stopped"] = "部门的签名密钥已停止发送",
        ["not-lease-holder"] = "此副本不发送交易；请在持有租约的副本上重试",
        ["invalid-deadline"] = "期限无效",
        ["invalid-expiry"] = "授权到期时间无效",
        ["self-grant"] = "部门不能向自己授权",
        ["invalid-terms"] = "授权条款无效",
        ["invalid-record-kind"] = "记录类型名称无效",
        ["invalid-consent"] = "同意书无效",
        ["invalid-compromised-since"] = "泄露时间无效",
        ["not-found"] = "没有此资源",
        ["sign-in-challenge-used"] = "登录质询已被使用",
        ["sign-in-challenge-expired"] = "登录质询已过期",
        ["passkey-not-registered"] = "此通行密钥未在本节点注册",
        ["citizen-session-required"] = "请用您的通行密钥登录",
        ["sign-in-busy"] = "同时登录的人过多",
        ["method-not-allowed"] = "此处不允许该方法",
        ["unsupported-media-type"] = "不支持该内容类型",
        ["already-anchored"] = "该指纹已记入账本",
        ["invalid-valid-until"] = "有效期必须在将来",
        ["internal-error"] = "请求失败",
        ["exchange-not-found"] = "没有此交换",
        ["exchange-not-verified"] = "交换的内容尚未核实",
        ["content-gone"] = "内容已不可再取",
        ["evidence-not-found"] = "本节点没有该交换的证据文件",
        ["holder-unknown"] = "找不到持有该记录的部门",
        ["holder-has-no-node"] = "持有部门没有在账本上公布节点",
        ["grant-request-not-found"] = "没有此授权申请",
        ["grant-request-decided"] = "该授权申请已有决定",
        ["grant-request-queue-full"] = "等待决定的授权申请过多",
        ["grant-request-signer-mismatch"] = "申请的签名部门与其所列部门不符",
        ["grant-request-wrong-node"] = "本节点不代表该部门",
        ["grant-request-grant-not-on-chain"] = "账本上没有与该申请相符的授权",
        ["node-key-missing"] = "本节点没有节点密钥",
        ["approval-needs-clerk"] = "审批须由工作人员本人作出，API 密钥不能审批",
        ["approver-required"] = "须具有审批人角色",
        ["own-change-request"] = "不能审批自己的申请",
        ["change-request-not-found"] = "没有此变更申请",
        ["change-request-decided"] = "该变更申请已有决定",
        ["change-request-open"] = "该文件已有待审批的变更申请",
        ["bulk-job-not-found"] = "没有此批量任务",
        ["bulk-job-limit"] = "本部门未完成的批量任务过多",
        ["bulk-job-overfull"] = "本批条目超过任务剩余的数量",
        ["bulk-job-closed"] = "该批量任务不再接收条目",
        ["exchange-not-configured"] = "本节点不提供记录",
        ["consent-request-not-found"] = "没有此同意请求",
        ["consent-request-expired"] = "同意请求已过期",
        ["consent-request-closed"] = "同意请求已结束",
        ["passkeys-not-configured"] = "本节点未启用通行密钥",
        ["registration-code-unknown"] = "登记码无效",
        ["registration-code-expired"] = "登记码已过期",
        ["registration-code-used"] = "登记码已使用",
        ["passkey-already-bound"] = "该记录已绑定通行密钥",
        ["passkey-not-bound"] = "该记录未绑定通行密钥",
        ["passkey-response-malformed"] = "无法读取通行密钥的答复",
        ["passkey-not-p256"] = "通行密钥不是 P-256 密钥",
        ["passkey-wrong-origin"] = "通行密钥答复的是另一个来源",
        ["passkey-invalid-signature"] = "通行密钥的签名无法验证",
        ["records-not-configured"] = "本节点未配置记录存储",
        ["record-not-found"] = "没有此记录",
        ["record-erased"] = "该记录的内容已被删除",
        ["record-too-large"] = "记录过大",
        ["digest-mismatch"] = "内容与指纹不符",
        ["already-revoked"] = "文件已被撤销",
        ["already-superseded"] = "文件已被取代",
        ["not-anchored"] = "文件未记入账本",
        ["batch-not-found"] = "批次未记入账本",
        ["invalid-proof"] = "默克尔证明没有通向批次根",
        ["zero-digest"] = "全零指纹不能记入",
        ["empty-batch"] = "批次至少需要一份文件",
        ["reverted-when-mined"] = "交易打包前账本状态已改变",
        ["already-approved"] = "该部门已批准此提案",
        ["proposal-already-executed"] = "提案已执行",
        ["quorum-not-reached"] = "现任部门的批准未达到法定人数",
        ["department-code-taken"] = "另一部门已使用此代码",
        ["signer-already-registered"] = "该密钥已属于某个部门",
        ["signer-not-in-department"] = "该密钥不是该部门的现行密钥",
        ["last-signer"] = "部门至少保留一把自己的密钥；丢失最后一把密钥时由法定人数替换",
        ["too-many-signers"] = "该部门的密钥数量已达上限",
        ["compromised-key"] = "该密钥已被报告泄露，永远不能再使用或登记",
        ["department-not-active"] = "该部门不在职",
        ["department-not-suspended"] = "该部门未被暂停",
        ["proposal-not-found"] = "提案不存在",
        ["unknown-department"] = "部门不存在",
        ["not-active-signer"] = "该部门的密钥不能执行操作",
        ["invalid-threshold"] = "法定人数超出范围",
        ["invalid-department"] = "部门的代码、名称或密钥缺失",
        ["proposal-expired"] = "提案已过期限",
        ["signer-change-not-found"] = "密钥变更不存在",
        ["signer-change-not-pending"] = "密钥变更已应用或已取消",
        ["signer-change-too-early"] = "密钥变更的等待期尚未结束",
        ["invalid-signer-change-delay"] = "密钥变更的等待期最多 30 天",
        ["invalid-node-url"] = "节点地址须以 http:// 或 https:// 开头，且不超过 200 字节",
        ["invalid-node-key"] = "节点公钥须为 64 字节的 P-256 点",
        ["grant-not-found"] = "授权不存在",
        ["grant-not-active"] = "授权已撤销或已到期",
        ["grantor-not-suspended"] = "法定人数只能撤销被暂停的授权部门的授权",
        ["not-grantee"] = "只有被授权部门可以在此授权下记录访问",
        ["not-revoker"] = "授权条款不允许此密钥撤销它",
        ["passkey-user-not-verified"] = "通行密钥的断言缺少用户在场或用户验证",
        ["passkey-challenge-mismatch"] = "通行密钥签署的不是此授权的质询",
        ["invalid-passkey-signature"] = "通行密钥断言的签名无法验证",
        ["not-grant-passkey"] = "此通行密钥未同意该授权",
        ["invalid-passkey-extension"] = "通行密钥扩展合约的地址上没有代码",
        ["consent-irrevocable"] = "同意必须始终可由本人撤销",
        ["zero-root"] = "不允许全零的根",
        ["zero-entries"] = "访问批次至少包含一个条目",
        ["access-batch-exists"] = "该访问批次根已记录",
        ["zero-record-id"] = "不允许全零的记录标识",
        ["expired-signature"] = "签名的期限已过",
        ["invalid-signature"] = "签名与签名者不符",
        ["no-legacy-registry"] = "本登记合约不接替任何 1.x 版登记合约",
        ["legacy-document-not-found"] = "1.x 版登记合约中没有该文件",
        ["legacy-anchored-after-cutover"] = "该文件在切换后才记入 1.x 版登记合约，因此不算数",
        ["invalid-legacy-registry"] = "1.x 版登记合约地址上没有合约",
        ["invalid-short-string"] = "字符串不是有效的短字符串",
        ["string-too-long"] = "字符串过长",
    };

    // The detail sentence of each problem on its way out, by the ProblemDetails instance the result carries: the framework
    // hands that instance to CustomizeProblemDetails, where Apply picks the language.
    private static readonly ConditionalWeakTable<ProblemDetails, ProblemText> s_details = new();

    /// <summary>The Chinese title of problem type <paramref name="slug"/> (the part after <see cref="Problems.BaseUri"/>), or null.</summary>
    public static string? ChineseTitle(string slug) => s_chinese.GetValueOrDefault(slug);

    /// <summary>
    /// The title of problem type <paramref name="slug"/> as a sentence of the catalog: <paramref name="englishTitle"/>, and
    /// the type's Chinese title (a test keeps every type of the API titled in Chinese); a type without one stays English.
    /// </summary>
    public static ProblemText TitleText(string slug, string englishTitle) => new(englishTitle, ChineseTitle(slug) ?? englishTitle);

    /// <summary>
    /// The language a request prefers among English and Chinese, by Accept-Language qualities (the first listed wins a
    /// tie); English when it names neither.
    /// </summary>
    public static string Preferred(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ranked = request.GetTypedHeaders().AcceptLanguage
            .Select((value, index) => (Tag: value.Value.Value ?? string.Empty, Quality: value.Quality ?? 1, Index: index))
            .Where(l => l.Quality > 0)
            .OrderByDescending(l => l.Quality).ThenBy(l => l.Index);
        foreach (var (tag, _, _) in ranked)
        {
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return Chinese;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) || tag == "*")
            {
                return English;
            }
        }

        return English;
    }

    /// <summary>Sets <paramref name="problem"/>'s English detail to <paramref name="detail"/> and keeps its Chinese form for <see cref="Apply"/>.</summary>
    public static void Attach(ProblemDetails problem, ProblemText? detail)
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem.Detail = detail?.English;
        if (detail is null)
        {
            s_details.Remove(problem);
        }
        else
        {
            s_details.AddOrUpdate(problem, detail);
        }
    }

    /// <summary>The detail sentence attached to <paramref name="problem"/>, if it still says what it said when attached.</summary>
    public static ProblemText? DetailOf(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return s_details.TryGetValue(problem, out var text) && text.English == problem.Detail ? text : null;
    }

    /// <summary>Puts <paramref name="problem"/>'s title and detail in the request's language and says which in Content-Language.</summary>
    public static void Apply(HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        var language = Preferred(context.Request);
        if (language == Chinese && problem.Type is { } type && type.StartsWith(Problems.BaseUri, StringComparison.Ordinal)
            && ChineseTitle(type[Problems.BaseUri.Length..]) is { } title)
        {
            problem.Title = title;
            if (DetailOf(problem) is { } detail)
            {
                problem.Detail = detail.Chinese;
            }
        }
        else
        {
            language = English;
        }

        foreach (var (name, value) in problem.Extensions.ToArray())
        {
            if (value is ProblemTextList list)
            {
                problem.Extensions[name] = list.In(language);
            }
        }

        context.Response.Headers[HeaderNames.ContentLanguage] = language;
        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
    }
}
