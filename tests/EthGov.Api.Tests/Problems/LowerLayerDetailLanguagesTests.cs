using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EthGov.Api.ChainState;
using EthGov.Api.Departments;
using EthGov.Api.Documents;
using EthGov.Api.Grants;
using EthGov.Api.Outbox;
using EthGov.Api.Passkeys;
using EthGov.Api.Problems;
using EthGov.Api.Receipts;
using EthGov.Api.Staff;
using EthGov.Api.Tests.TestSupport;
using EthGov.Application.Passkeys;
using EthGov.Application.Staff;
using EthGov.Application.Verification;
using EthGov.Chain.Registry;
using EthGov.Chain.Signing;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Purposes;
using EthGov.Core.Receipts;
using EthGov.Core.Revocations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace EthGov.Api.Tests.Problems;

/// <summary>
/// Details whose reason comes from a lower layer (grant lifetime, grant terms, proposal deadline, password rules, the outbox, proof codes, the code lists, receipts, signer consents, passkey checks, the item errors of batches and bulk jobs, chain resets): the
/// lower layer gives a code, and the answer is the catalog's sentence for it, wholly Chinese for a Chinese caller and
/// unchanged in English.
/// </summary>
public sealed partial class LowerLayerDetailLanguagesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ProposalDeadline_Passed_OverHttp_IsChineseThrough_AndEnglishUnchanged()
    {
        var deadline = DateTimeOffset.UtcNow.AddDays(-1);
        var body = new { kind = "add-department", code = "LANG", name = "Language office", signer = "0x" + new string('4', 40), deadline };

        var zh = await PostAsync("/api/v1/departments/proposals", body, "zh-CN");
        var en = await PostAsync("/api/v1/departments/proposals", body, "en");

        var text = deadline.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        AssertChinese(zh, $"期限 {text} 已经过去");
        Assert.Equal($"the deadline {text} has passed; a proposal's deadline lies in the future", en);
    }

    [Fact]
    public async Task GrantExpiry_TooFarAhead_OverHttp_IsChineseThrough_AndEnglishUnchanged()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddDays(400);
        var body = new { recordId = "0x" + new string('5', 64), granteeDepartment = "HEALTH", purpose = 1, expiresAt, legalBasis = "0x" + new string('6', 64) };

        var zh = await PostAsync("/api/v1/grants", body, "zh-CN");
        var en = await PostAsync("/api/v1/grants", body, "en");

        AssertChinese(zh, "超过 366 天");
        Assert.Equal(GrantLifetime.Problem(expiresAt, DateTimeOffset.UtcNow), en);
    }

    [Theory]
    [InlineData(GrantBasis.LegalBasis, "view-once", 3, new[] { "grantor" })]
    [InlineData(GrantBasis.LegalBasis, "store", 0, new[] { "grantor" })]
    [InlineData(GrantBasis.PasskeyConsent, "store", 5, new[] { "grantee" })]
    public async Task GrantTerms_EachRefusal_IsChineseThrough_AndEnglishAsTheTermsCheckSaysIt(GrantBasis basis, string use, int retention, string[] revokers)
    {
        var request = new GrantTermsRequest(use, retention, 2, revokers);

        var (terms, problem) = GrantsApi.ReadTerms(request, basis);

        Assert.Null(terms);
        AssertChinese(await DetailAsync(problem!, "zh-CN"), "授权条款无效");
        var english = await DetailAsync(GrantsApi.ReadTerms(request, basis).Problem!, "en");
        var parsed = new GrantTerms(use == "store" ? GrantUse.Store : GrantUse.ViewOnce, (ushort)retention, 2,
            revokers.Contains("grantee") ? GrantRevokers.Grantee : GrantRevokers.Grantor);
        Assert.Equal("terms: " + parsed.Problem(basis), english);
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("alice-is-my-password")]
    [InlineData("aaaaaaaaaaaabbbb")]
    public async Task PasswordRules_EachRefusal_IsChineseThrough_AndEnglishAsTheRulesSayIt(string password)
    {
        var rejection = StaffPasswords.RejectionOf(password, "alice");

        Assert.NotNull(rejection);
        AssertChinese(await DetailAsync(StaffProblems.PasswordRejected(rejection.Value), "zh-CN"), "新密码不可接受");
        Assert.Equal(StaffPasswords.Weakness(password, "alice"), await DetailAsync(StaffProblems.PasswordRejected(rejection.Value), "en"));
    }

    [Theory]
    [InlineData(OutboxFailure.ShuttingDown)]
    [InlineData(OutboxFailure.NotStored)]
    [InlineData(OutboxFailure.SupersessionNotRecorded)]
    [InlineData(OutboxFailure.SupersessionRefused)]
    public async Task OutboxFailure_IsChineseThrough_AndEnglishAsTheOutboxSaysIt(OutboxFailure failure)
    {
        var thrown = new OutboxUnavailableException(failure);

        AssertChinese(await DetailAsync(EthGov.Api.Problems.Problems.OutboxUnavailable(DocumentTexts.OutboxFailed(thrown.Failure)), "zh-CN"), "待发队列无法保存请求");
        Assert.Equal(thrown.Message, await DetailAsync(EthGov.Api.Problems.Problems.OutboxUnavailable(DocumentTexts.OutboxFailed(thrown.Failure)), "en"));
    }

    [Theory]
    [InlineData("not*base64", "不是 base64url 编码", "proof: not base64url")]
    [InlineData("AAAA", "3 个字节不是整数个 32 字节哈希", "proof: 3 bytes is not a whole number of 32-byte hashes")]
    public async Task ProofCode_Refused_OverHttp_IsChineseThrough_AndEnglishUnchanged(string proof, string chinese, string english)
    {
        var path = $"/api/v1/verify/0x{new string('7', 64)}?department=CIVIL&proof={Uri.EscapeDataString(proof)}";

        var zh = await GetAsync(path, "zh-CN");
        var en = await GetAsync(path, "en");

        AssertChinese(zh, chinese);
        Assert.Equal(english, en);
    }

    [Theory]
    [InlineData("\"bogus\"", "bogus")]
    [InlineData("42", "42")]
    public async Task RevocationReason_NotListed_OverHttp_IsChineseThrough_AndEnglishAsTheListSaysIt(string reason, string echoed)
    {
        var path = $"/api/v1/documents/0x{new string('8', 64)}/revocation";
        var body = JsonDocument.Parse($"{{\"reason\":{reason}}}").RootElement;

        var zh = await PostAsync(path, body, "zh-CN");
        var en = await PostAsync(path, body, "en");

        AssertChinese(zh, $"'{echoed}' 不在撤销原因代码表中");
        Assert.Contains("fraud (4)", zh, StringComparison.Ordinal);
        Assert.False(RevocationReasons.TryParse(echoed, out _, out var error));
        Assert.Equal("reason: " + error, en);
    }

    [Fact]
    public async Task Purpose_NotListed_OverHttp_IsChineseThrough_AndEnglishAsTheListSaysIt()
    {
        var body = new { recordId = "0x" + new string('9', 64), granteeDepartment = "HEALTH", purpose = 999, expiresAt = DateTimeOffset.UtcNow.AddDays(30), legalBasis = "0x" + new string('6', 64) };

        var zh = await PostAsync("/api/v1/grants", body, "zh-CN");
        var en = await PostAsync("/api/v1/grants", body, "en");

        AssertChinese(zh, "'999' 不在用途代码表中");
        Assert.Contains("tax (4)", zh, StringComparison.Ordinal);
        Assert.False(GrantPurposes.TryParse("999", out _, out var error));
        Assert.Equal("purpose: " + error, en);
    }

    [Fact]
    public void ReceiptFaults_EveryOne_IsChinese_AndEnglishAsTheReaderSaysIt()
    {
        var errors = BrokenReceipts().SelectMany(json => ReceiptReader.Parse(json).Faults).ToList();

        Assert.Equal(Enum.GetValues<ReceiptFault>().Order(), errors.Select(e => e.Fault).Distinct().Order());
        Assert.All(errors, error =>
        {
            var text = ReceiptTexts.Of(error);
            Assert.Equal(error.ToString(), text.English);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text.Chinese);
            Assert.False(HasEnglishSentence(text.Chinese), text.Chinese);
        });
    }

    [Fact]
    public async Task Receipt_PostedForVerification_ThatDoesNotParse_ListsItsProblemsInChinese_AndInEnglishAsBefore()
    {
        var receipt = BrokenReceipts()[^1];
        var body = new { receipt = JsonDocument.Parse(receipt).RootElement };
        var expected = ReceiptReader.Parse(receipt).Errors;

        var zh = await PostProblemAsync("/api/v1/verify", body, "zh-CN", fixture.Host.CreateClient());
        var en = await PostProblemAsync("/api/v1/verify", body, "en", fixture.Host.CreateClient());

        AssertChinese(zh.GetProperty("detail").GetString(), $"凭证中有 {expected.Count} 个问题");
        var zhErrors = zh.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(expected.Count, zhErrors.Count);
        Assert.All(zhErrors, e => AssertChinese(e, "receipt"));
        Assert.Contains(zhErrors, e => e.Contains("缺少属性 'digest'", StringComparison.Ordinal));
        Assert.Equal(expected, en.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Receipt_OfAnotherDocument_StatedForARevocation_IsChineseThrough_AndEnglishUnchanged()
    {
        var other = Digest.Parse(TestDigests.New());
        var receipt = ValidReceipt(other);
        var body = new { reason = "fraud", receipt = JsonDocument.Parse(ReceiptWriter.ToJson(receipt)).RootElement };
        var path = $"/api/v1/documents/{TestDigests.New()}/revocation";

        var zh = await PostAsync(path, body, "zh-CN");
        var en = await PostAsync(path, body, "en");

        AssertChinese(zh, $"这是另一文件的凭证（{other}）");
        Assert.Equal("receipt: " + ReceiptAbout.Describe(ReceiptMismatch.OtherDocument, receipt), en);
    }

    [Fact]
    public async Task Receipt_ThatDoesNotParse_StatedForARevocation_IsChineseThrough_AndEnglishUnchanged()
    {
        var receipt = BrokenReceipts()[^1];
        var body = new { reason = "fraud", receipt = JsonDocument.Parse(receipt).RootElement };
        var path = $"/api/v1/documents/{TestDigests.New()}/revocation";

        var zh = await PostAsync(path, body, "zh-CN");
        var en = await PostAsync(path, body, "en");

        AssertChinese(zh, "receipt 无效：");
        Assert.Equal("receipt: " + string.Join("; ", ReceiptReader.Parse(receipt).Errors.Take(3)), en);
    }

    private static Receipt ValidReceipt(Digest digest) => new()
    {
        Digest = digest,
        Issuer = new ReceiptIssuer(1, "CIVIL", "Civil registry"),
        ChainId = 31337,
        Registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        TransactionHash = Digest.Parse("0x" + new string('a', 64)),
        BlockNumber = 12,
        BlockHash = Digest.Parse("0x" + new string('b', 64)),
        AnchoredAt = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero),
    };

    // Receipts that between them have every fault the reader knows; the last has many at once.
    private static List<string> BrokenReceipts()
    {
        JsonObject Valid() => JsonNode.Parse(ReceiptWriter.ToJson(ValidReceipt(Digest.Parse("0x" + new string('c', 64)))))!.AsObject();
        JsonObject With(Action<JsonObject> change)
        {
            var receipt = Valid();
            change(receipt);
            return receipt;
        }

        var sibling = "0x" + new string('d', 64);
        return
        [
            "",
            "{\"version\": 1,",
            "[]",
            """{"version": 2}""",
            With(r => r["issuer"] = new JsonObject { ["id"] = 1, ["code"] = "", ["name"] = "Civil registry" }).ToJsonString(),
            With(r => r["batch"] = new JsonObject { ["root"] = sibling, ["documentCount"] = 7, ["proof"] = new JsonArray([.. Enumerable.Range(0, ReceiptBatch.MaxProofLength + 1).Select(_ => (JsonNode?)JsonValue.Create(sibling))]) }).ToJsonString(),
            With(r => r["validUntil"] = r["anchoredAt"]!.DeepClone()).ToJsonString(),
            With(r => r["batch"] = new JsonObject { ["root"] = sibling, ["documentCount"] = 1, ["proof"] = new JsonArray(sibling) }).ToJsonString(),
            With(r => r["batch"] = new JsonObject { ["root"] = sibling, ["documentCount"] = 7, ["proof"] = new JsonArray() }).ToJsonString(),
            With(r => r["batch"] = new JsonObject { ["root"] = sibling, ["documentCount"] = 2, ["proof"] = new JsonArray(sibling) }).ToJsonString(),
            With(r =>
            {
                r.Remove("digest");
                r["issuer"] = 5;
                r["chainId"] = 0;
                r["registry"] = "0x12";
                r["anchoredAt"] = "yesterday";
                r["transactionHash"] = 7;
                r["blockHash"] = "0x12";
                r["extra"] = true;
                r["batch"] = new JsonObject { ["root"] = sibling, ["documentCount"] = 7, ["proof"] = 3 };
            }).ToJsonString(),
        ];
    }

    [Theory]
    [InlineData("0x12", "0x 加 146 位十六进制数字")]
    [InlineData("{\"chainId\": 1", "同意书文件不是有效的 JSON（第 1 行")]
    [InlineData("{}", "同意书文件须包含 chainId")]
    [InlineData(null, "须提供新密钥的同意书")]
    public async Task SignerConsent_Unread_OverHttp_IsChineseThrough_AndEnglishAsTheConsentCheckSaysIt(string? consent, string chinese)
    {
        var body = new { kind = "add-signer", signer = "0x" + new string('4', 40), consent };

        var zh = await PostAsync("/api/v1/departments/signer-changes", body, "zh-CN");
        var en = await PostAsync("/api/v1/departments/signer-changes", body, "en");

        AssertChinese(zh, chinese);
        if (consent is null)
        {
            Assert.Equal(DepartmentTexts.ConsentRequired.English, en);
            return;
        }

        Assert.False(SignerConsent.TryParse(consent, 1, body.signer, 1, body.signer, 0, out _, out string? error));
        Assert.Equal(error, en);
    }

    [Theory]
    [InlineData(SignerConsentFault.OtherRegistry, "同意书针对链 7 上的登记合约")]
    [InlineData(SignerConsentFault.OtherKey, "同意书由密钥")]
    [InlineData(SignerConsentFault.OtherDepartment, "同意书是为部门 2 而非部门 3 签署的")]
    [InlineData(SignerConsentFault.NonceMoved, "的 nonce 为 4，现在为 5")]
    [InlineData(SignerConsentFault.Expired, "同意书已于 2026-03-02T09:30:00Z 过期")]
    [InlineData(SignerConsentFault.NotSignedByKey, "加入部门 3 的同意")]
    public void SignerConsent_Mismatch_IsChinese_AndEnglishAsTheConsentCheckSaysIt(SignerConsentFault fault, string chinese)
    {
        var consent = new SignerConsent(7, "0x" + new string('1', 40), 2, "0x" + new string('2', 40), 4,
            new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero), new byte[65]);
        var (chainId, registry, department, signer, nonce) = (31337UL, "0x" + new string('3', 40), 3U, "0x" + new string('4', 40), new System.Numerics.BigInteger(5));

        var text = DepartmentTexts.ConsentMismatch(consent, fault, chainId, registry, department, signer, nonce);

        AssertChinese(text.Chinese, chinese);
        Assert.Equal(consent.Describe(fault, chainId, registry, department, signer, nonce), text.English);
    }

    [Fact]
    public async Task PasskeyRefusal_EveryFault_IsChineseThrough_AndEnglishAsTheCheckSaysIt()
    {
        foreach (var fault in Enum.GetValues<PasskeyFault>())
        {
            var refusal = PasskeyRefusal.Of(fault, "webauthn.create", "https://ethgov.example");

            var zh = await DetailAsync(PasskeyProblems.Of(refusal), "zh-CN");
            var en = await DetailAsync(PasskeyProblems.Of(refusal), "en");

            AssertChinese(zh, "通行密钥的答复未通过检查：");
            Assert.Equal(refusal.Detail, en);
        }
    }

    [Fact]
    public async Task BatchAnchor_ItemErrors_AreChinese_AndEnglishAsTheDigestParserSaysIt()
    {
        var body = new { digests = new[] { TestDigests.New(), "0x1234", "12" } };

        var zh = await PostProblemAsync("/api/v1/documents/batch", body, "zh-CN", fixture.Host.ClientWithKey(fixture.CivilKey));
        var en = await PostProblemAsync("/api/v1/documents/batch", body, "en", fixture.Host.ClientWithKey(fixture.CivilKey));

        var zhErrors = zh.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(2, zhErrors.Count);
        AssertChinese(zhErrors[0], "digests[1] 无效：长度错误");
        AssertChinese(zhErrors[1], "digests[2] 无效：缺少 '0x' 前缀");
        Assert.False(Digest.TryParse("0x1234", out _, out var error));
        Assert.Equal($"digests[1]: {error}", en.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task BulkChunk_ItemErrors_AreChinese_AndEnglishUnchanged()
    {
        var validUntil = DateTimeOffset.UtcNow.AddDays(-1);
        var body = new { items = new object?[] { null, new { digest = "0x1234" }, new { digest = TestDigests.New(), validUntil } } };

        var zh = await PostChunkAsync(body, "zh-CN");
        var en = await PostChunkAsync(body, "en");

        var zhErrors = zh.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(3, zhErrors.Count);
        AssertChinese(zhErrors[0], "条目 items[0]：请给出含 digest 的对象");
        AssertChinese(zhErrors[1], "条目 items[1]：digest 无效：");
        AssertChinese(zhErrors[2], $"条目 items[2]：validUntil：{validUntil:yyyy-MM-dd} 已过");
        Assert.False(Digest.TryParse("0x1234", out _, out var error));
        Assert.Equal(
            ["items[0]: give an object with a digest", $"items[1]: digest: {error}", $"items[2]: validUntil: {validUntil:yyyy-MM-dd} has passed or is before 1970"],
            en.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    private async Task<JsonElement> PostChunkAsync(object body, string language)
    {
        using var civil = fixture.Host.ClientWithKey(fixture.CivilKey);
        using var created = await civil.PostAsJsonAsync("/api/v1/bulk-jobs", new { kind = "csv", total = 3 });
        created.EnsureSuccessStatusCode();
        var job = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        return await PostProblemAsync($"/api/v1/bulk-jobs/{job}/chunks", body, language, fixture.Host.ClientWithKey(fixture.CivilKey));
    }

    [Theory]
    [InlineData(ChainResetReasons.GenesisDiffers, "创世区块与部署记录不同")]
    [InlineData(ChainResetReasons.IndexFromAnotherChain, "索引建立在另一条链上")]
    public async Task ChainReset_EachReason_IsChineseThrough_AndEnglishAsTheIndexerSaysIt(string reason, string chinese)
    {
        var zh = await DetailAsync(ChainProblems.From(ChainStatus.ResetError(reason)), "zh-CN");
        var en = await DetailAsync(ChainProblems.From(ChainStatus.ResetError(reason)), "en");

        AssertChinese(zh, chinese);
        Assert.Equal(reason, en);
    }

    [Fact]
    public async Task SignerStoppedAndLeaseHeldElsewhere_AreChineseThrough_WithTheSignerAndNonce()
    {
        const string Signer = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        var stop = new SenderStop(Signer, 7, "nonce 7 was mined with a transaction this process did not sign", DateTimeOffset.UnixEpoch).ToError();
        var fenced = FencedOut.Error(Signer, "the reservation of nonce 9 under lease epoch 2 was refused");

        AssertChinese(await DetailAsync(ChainProblems.From(stop), "zh-CN"), $"签名地址 {Signer} 已在 nonce 7 停止发送");
        AssertChinese(await DetailAsync(ChainProblems.From(fenced), "zh-CN"), $"签名地址 {Signer} 不从此副本发送交易");
        Assert.StartsWith($"signer {Signer} stopped sending at nonce 7", await DetailAsync(ChainProblems.From(stop), "en"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheEnglishCheck_FindsASentence_AndLetsNamesAndPathsPass()
    {
        Assert.True(HasEnglishSentence("新密码不可接受：a password needs at least 12 characters"));
        Assert.False(HasEnglishSentence("授权条款无效：view-once 授权不保留任何内容，retentionDays 必须为 0"));
        Assert.False(HasEnglishSentence("请用 POST /api/v1/session 登录"));
    }

    // A run of three or more English words is a sentence left untranslated; names, codes and paths are single words.
    private static bool HasEnglishSentence(string text) => EnglishRun().IsMatch(text);

    private static void AssertChinese(string? detail, string expected)
    {
        Assert.NotNull(detail);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.False(HasEnglishSentence(detail), detail);
    }

    private async Task<string?> PostAsync(string path, object body, string language)
    {
        using var client = fixture.Host.ClientWithKey(fixture.CivilKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
    }

    private static async Task<JsonElement> PostProblemAsync(string path, object body, string language, HttpClient client)
    {
        using (client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    private async Task<string?> GetAsync(string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        using var response = await fixture.Host.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
    }

    // Runs a result through the host's own problem details service, as a route's answer runs.
    private async Task<string?> DetailAsync(ProblemHttpResult result, string language)
    {
        using var scope = fixture.Host.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.AcceptLanguage = language;
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        body.Position = 0;
        using var document = await JsonDocument.ParseAsync(body);
        return document.RootElement.GetProperty("detail").GetString();
    }

    [GeneratedRegex(@"\b[A-Za-z]+(?:[ ,]+[A-Za-z]+){2,}\b")]
    private static partial Regex EnglishRun();
}
