using System.Security.Cryptography;
using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Tests.Crypto.HttpSignatures;

/// <summary>
/// Material of RFC 9421 appendix B, transcribed from the RFC: the test keys of B.1, the test-request and
/// test-response messages of B.2, and the signature bases and signatures of B.2.1 to B.2.4. Where the RFC
/// wraps a long line with '\' (RFC 8792), the pieces are joined here without the '\' and the leading spaces.
/// </summary>
internal static class Rfc9421Examples
{
    /// <summary>B.1.3 test-key-ecc-p256, private key (SEC1 "EC PRIVATE KEY").</summary>
    public const string EccP256PrivateKeyPem =
        "-----BEGIN EC PRIVATE KEY-----\n" +
        "MHcCAQEEIFKbhfNZfpDsW43+0+JjUr9K+bTeuxopu653+hBaXGA7oAoGCCqGSM49\n" +
        "AwEHoUQDQgAEqIVYZVLCrPZHGHjP17CTW0/+D9Lfw0EkjqF7xB4FivAxzic30tMM\n" +
        "4GF+hR6Dxh71Z50VGGdldkkDXZCnTNnoXQ==\n" +
        "-----END EC PRIVATE KEY-----\n";

    /// <summary>B.1.3 test-key-ecc-p256, public key (SubjectPublicKeyInfo).</summary>
    public const string EccP256PublicKeyPem =
        "-----BEGIN PUBLIC KEY-----\n" +
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqIVYZVLCrPZHGHjP17CTW0/+D9Lf\n" +
        "w0EkjqF7xB4FivAxzic30tMM4GF+hR6Dxh71Z50VGGdldkkDXZCnTNnoXQ==\n" +
        "-----END PUBLIC KEY-----\n";

    /// <summary>B.1.2 test-key-rsa-pss, public key: used only to check the transcription of B.2.1 to B.2.3.</summary>
    public const string RsaPssPublicKeyPem =
        "-----BEGIN PUBLIC KEY-----\n" +
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr4tmm3r20Wd/PbqvP1s2\n" +
        "+QEtvpuRaV8Yq40gjUR8y2Rjxa6dpG2GXHbPfvMs8ct+Lh1GH45x28Rw3Ry53mm+\n" +
        "oAXjyQ86OnDkZ5N8lYbggD4O3w6M6pAvLkhk95AndTrifbIFPNU8PPMO7OyrFAHq\n" +
        "gDsznjPFmTOtCEcN2Z1FpWgchwuYLPL+Wokqltd11nqqzi+bJ9cvSKADYdUAAN5W\n" +
        "Utzdpiy6LbTgSxP7ociU4Tn0g5I6aDZJ7A8Lzo0KSyZYoA485mqcO0GVAdVw9lq4\n" +
        "aOT9v6d+nb4bnNkQVklLQ3fVAvJm+xdDOp9LCNCN48V2pnDOkFV6+U9nV5oyc6XI\n" +
        "2wIDAQAB\n" +
        "-----END PUBLIC KEY-----\n";

    /// <summary>The "created" time every appendix B example uses.</summary>
    public const long Created = 1618884473;

    /// <summary>The content-digest of test-request.</summary>
    public const string RequestContentDigest =
        "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

    /// <summary>The content-digest of test-response.</summary>
    public const string ResponseContentDigest =
        "sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:";

    /// <summary>The content of test-request.</summary>
    public const string RequestContent = "{\"hello\": \"world\"}";

    /// <summary>The content of test-response.</summary>
    public const string ResponseContent = "{\"message\": \"good dog\"}";

    public const string B21SignatureBase =
        "\"@signature-params\": ();created=1618884473;keyid=\"test-key-rsa-pss\"" +
        ";nonce=\"b3k2pp5k7z-50gnwp.yemd\"";

    public const string B21SignatureInput =
        "sig-b21=();created=1618884473" +
        ";keyid=\"test-key-rsa-pss\";nonce=\"b3k2pp5k7z-50gnwp.yemd\"";

    public const string B21Signature =
        "d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopem" +
        "LJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG" +
        "52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx" +
        "2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6" +
        "UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3" +
        "+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==";

    public const string B22SignatureBase =
        "\"@authority\": example.com\n" +
        "\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX" +
        "+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:\n" +
        "\"@query-param\";name=\"Pet\": dog\n" +
        "\"@signature-params\": (\"@authority\" \"content-digest\" " +
        "\"@query-param\";name=\"Pet\")" +
        ";created=1618884473;keyid=\"test-key-rsa-pss\"" +
        ";tag=\"header-example\"";

    public const string B22SignatureInput =
        "sig-b22=(\"@authority\" \"content-digest\" " +
        "\"@query-param\";name=\"Pet\");created=1618884473" +
        ";keyid=\"test-key-rsa-pss\";tag=\"header-example\"";

    public const string B22Signature =
        "LjbtqUbfmvjj5C5kr1Ugj4PmLYvx9wVjZvD9GsTT4F7GrcQ" +
        "EdJzgI9qHxICagShLRiLMlAJjtq6N4CDfKtjvuJyE5qH7KT8UCMkSowOB4+ECxCmT" +
        "8rtAmj/0PIXxi0A0nxKyB09RNrCQibbUjsLS/2YyFYXEu4TRJQzRw1rLEuEfY17SA" +
        "RYhpTlaqwZVtR8NV7+4UKkjqpcAoFqWFQh62s7Cl+H2fjBSpqfZUJcsIk4N6wiKYd" +
        "4je2U/lankenQ99PZfB4jY3I5rSV2DSBVkSFsURIjYErOs0tFTQosMTAoxk//0RoK" +
        "UqiYY8Bh0aaUEb0rQl3/XaVe4bXTugEjHSw==";

    public const string B23SignatureBase =
        "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n" +
        "\"@method\": POST\n" +
        "\"@path\": /foo\n" +
        "\"@query\": ?param=Value&Pet=dog\n" +
        "\"@authority\": example.com\n" +
        "\"content-type\": application/json\n" +
        "\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX" +
        "+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:\n" +
        "\"content-length\": 18\n" +
        "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@query\" " +
        "\"@authority\" \"content-type\" \"content-digest\" \"content-length\")" +
        ";created=1618884473;keyid=\"test-key-rsa-pss\"";

    public const string B23Signature =
        "bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yB" +
        "iMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fU" +
        "xN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1" +
        "pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9" +
        "bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5Z" +
        "JzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==";

    public const string B24SignatureBase =
        "\"@status\": 200\n" +
        "\"content-type\": application/json\n" +
        "\"content-digest\": sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ4" +
        "1QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:\n" +
        "\"content-length\": 23\n" +
        "\"@signature-params\": (\"@status\" \"content-type\" \"content-digest\" " +
        "\"content-length\");created=1618884473;keyid=\"test-key-ecc-p256\"";

    public const string B24SignatureInput =
        "sig-b24=(\"@status\" \"content-type\" " +
        "\"content-digest\" \"content-length\");created=1618884473" +
        ";keyid=\"test-key-ecc-p256\"";

    public const string B24Signature =
        "wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NK" +
        "ocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==";

    /// <summary>B.2 test-request: POST /foo?param=Value&amp;Pet=dog to example.com, over HTTPS.</summary>
    public static HttpMessageParts TestRequest() =>
        HttpMessageParts.ForRequest("POST", new Uri("https://example.com/foo?param=Value&Pet=dog"))
            .AddField("Host", "example.com")
            .AddField("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
            .AddField("Content-Type", "application/json")
            .AddField("Content-Digest", RequestContentDigest)
            .AddField("Content-Length", "18");

    /// <summary>B.2 test-response: 200 OK with a JSON body.</summary>
    public static HttpMessageParts TestResponse() =>
        HttpMessageParts.ForResponse(200)
            .AddField("Date", "Tue, 20 Apr 2021 02:07:56 GMT")
            .AddField("Content-Type", "application/json")
            .AddField("Content-Digest", ResponseContentDigest)
            .AddField("Content-Length", "23");

    public static ECDsa EccP256PublicKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(EccP256PublicKeyPem);
        return key;
    }

    public static ECDsa EccP256PrivateKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(EccP256PrivateKeyPem);
        return key;
    }

    public static RSA RsaPssPublicKey()
    {
        var key = RSA.Create();
        key.ImportFromPem(RsaPssPublicKeyPem);
        return key;
    }
}
