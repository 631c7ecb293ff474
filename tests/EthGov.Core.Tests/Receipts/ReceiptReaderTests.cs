using System.Text.Json.Nodes;
using EthGov.Core.Receipts;

namespace EthGov.Core.Tests.Receipts;

public class ReceiptReaderTests
{
    [Fact]
    public void Parse_WrittenSingleReceipt_RoundTrips()
    {
        var receipt = TestReceipts.Single(seed: 100);

        var result = ReceiptReader.Parse(ReceiptWriter.ToJson(receipt));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(receipt, result.Receipt);
    }

    [Fact]
    public void Parse_WrittenBatchReceipt_RoundTrips()
    {
        var receipt = TestReceipts.InBatch(seed: 110);
        string json = ReceiptWriter.ToJson(receipt);

        var result = ReceiptReader.Parse(json);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(receipt.Batch!.Proof, result.Receipt.Batch!.Proof);
        Assert.Equal(json, ReceiptWriter.ToJson(result.Receipt));
    }

    [Fact]
    public void ToJson_UsesCamelCaseLowercaseHexAndOmitsAbsentMembers()
    {
        var receipt = TestReceipts.Single(seed: 120) with { ValidUntil = null };

        var json = TestReceipts.AsJson(receipt);

        Assert.Equal(receipt.Digest.ToString(), (string?)json["digest"]);
        Assert.Equal(1, (int?)json["version"]);
        Assert.Equal("MOT", (string?)json["issuer"]!["code"]);
        Assert.Equal(31337UL, (ulong?)json["chainId"]);
        Assert.False(json.ContainsKey("validUntil"));
        Assert.False(json.ContainsKey("batch"));
    }

    [Fact]
    public void Parse_UppercaseHex_IsAccepted()
    {
        var receipt = TestReceipts.Single(seed: 130);
        var json = TestReceipts.AsJson(receipt);
        json["digest"] = "0x" + receipt.Digest.ToString()[2..].ToUpperInvariant();

        var result = ReceiptReader.Parse(json.ToJsonString());

        Assert.True(result.IsValid);
        Assert.Equal(receipt.Digest, result.Receipt.Digest);
    }

    [Theory]
    [MemberData(nameof(MalformedReceipts.Names), MemberType = typeof(MalformedReceipts))]
    public void Parse_MalformedReceipt_ReportsPreciseError(string name)
    {
        var sample = MalformedReceipts.Get(name);

        var result = ReceiptReader.Parse(sample.Json);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains(sample.ExpectedError, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ProofOfAnotherDigest_ReportsProofDoesNotLeadToRoot()
    {
        var receipt = TestReceipts.InBatch(seed: 140);
        var json = TestReceipts.AsJson(receipt);
        json["digest"] = TestReceipts.Tamper(receipt.Digest).ToString();

        var result = ReceiptReader.Parse(json.ToJsonString());

        Assert.Equal(["receipt.batch.proof: does not lead from the digest to the batch root" ], result.Errors.Select(e => e[..e.IndexOf(" (", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Parse_ProofTooLongForDocumentCount_ReportsLengthMismatch()
    {
        var receipt = TestReceipts.InBatch(seed: 150, documents: 7);
        var json = TestReceipts.AsJson(receipt);
        json["batch"]!["documentCount"] = 2;

        var result = ReceiptReader.Parse(json.ToJsonString());

        Assert.Equal(
            ["receipt.batch.proof: 3 elements cannot prove a document in a batch of 2 (expected 1)"],
            result.Errors);
    }

    [Fact]
    public void Parse_ValidUntilBeforeAnchoring_IsRejected()
    {
        var receipt = TestReceipts.Single(seed: 160) with { ValidUntil = TestReceipts.AnchoredAt.AddDays(-1) };

        var result = ReceiptReader.Parse(ReceiptWriter.ToJson(receipt));

        Assert.Equal(["receipt.validUntil: must be later than anchoredAt"], result.Errors);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEachOne()
    {
        var json = TestReceipts.AsJson(TestReceipts.InBatch(seed: 170));
        json.Remove("digest");
        json["registry"] = "0x1234";
        json["batch"]!["proof"]![0] = "0xZZ";

        var result = ReceiptReader.Parse(json.ToJsonString());

        Assert.Equal(3, result.Errors.Count);
        Assert.Contains("receipt: missing property 'digest'", result.Errors);
        Assert.Contains(result.Errors, e => e.StartsWith("receipt.registry: expected 0x + 40 hex digits", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("receipt.batch.proof[0]: expected 0x + 64 hex digits", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ProofOfMillionsOfElements_ReportsItsLengthOnce()
    {
        // The body of a reproduced attack: each element used to become a problem, 3,000,010 of them.
        var json = "{\"version\":1,\"batch\":{\"proof\":[" + string.Join(",", Enumerable.Repeat("0", 3_000_000)) + "]}}";

        var result = ReceiptReader.Parse(json);

        Assert.False(result.IsValid);
        Assert.True(result.Errors.Count <= 20, $"{result.Errors.Count} problems");
        Assert.Contains("receipt.batch.proof: 3000000 elements; a proof has at most 32", result.Errors);
    }

    [Fact]
    public void Parse_ThousandsOfUnknownProperties_ListsTwentyAndSaysThereAreMore()
    {
        var json = TestReceipts.AsJson(TestReceipts.Single(seed: 180));
        for (int i = 0; i < 5_000; i++)
        {
            json[$"extra{i}"] = i;
        }

        var result = ReceiptReader.Parse(json.ToJsonString());

        Assert.Equal(20, result.Errors.Count);
        Assert.True(result.ErrorsTruncated);
        Assert.Equal("receipt.extra0: unknown property", result.Errors[0]);
    }

    [Fact]
    public void Parse_FewProblems_AreNotMarkedTruncated()
    {
        var json = TestReceipts.AsJson(TestReceipts.Single(seed: 185));
        json["extra"] = 1;

        var result = ReceiptReader.Parse(json.ToJsonString());

        Assert.Equal(["receipt.extra: unknown property"], result.Errors);
        Assert.False(result.ErrorsTruncated);
    }

    [Fact]
    public void Parse_UnknownPropertyWithHugeName_ShortensTheName()
    {
        var json = TestReceipts.AsJson(TestReceipts.Single(seed: 190));
        json[new string('n', 100_000)] = 1;

        var error = Assert.Single(ReceiptReader.Parse(json.ToJsonString()).Errors);

        Assert.Equal("receipt." + new string('n', 37) + "...: unknown property", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"receipt\"")]
    [InlineData("42")]
    [InlineData("{\"version\":1e400}")]
    [InlineData("{\"version\":\"1\"}")]
    [InlineData("{\"version\":1,\"batch\":[]}")]
    [InlineData("{\"version\":1,\"issuer\":{\"id\":-1,\"code\":7}}")]
    public void Parse_Garbage_ReturnsErrorsWithoutThrowing(string? json)
    {
        var result = ReceiptReader.Parse(json);

        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.StartsWith("receipt", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NotJson_SaysWhere()
    {
        var result = ReceiptReader.Parse("{\n  \"version\": 1,\n  oops\n}");

        Assert.Equal(["receipt: not valid JSON (line 3, byte 3)"], result.Errors);
    }

    [Fact]
    public void Parse_VersionTwo_IsUnsupported()
    {
        var json = new JsonObject { ["version"] = 2, ["whatever"] = "future field" };

        var result = ReceiptReader.Parse(json.ToJsonString());

        Assert.Equal(["unsupported receipt version 2"], result.Errors);
    }
}
