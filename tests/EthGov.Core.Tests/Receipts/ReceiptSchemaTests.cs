using EthGov.Core.Receipts;
using NJsonSchema;

namespace EthGov.Core.Tests.Receipts;

public class ReceiptSchemaTests
{
    private static readonly Lazy<Task<JsonSchema>> s_schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "schemas", "receipt.schema.json")));

    [Fact]
    public async Task Schema_SingleReceipt_IsValid()
    {
        var errors = (await s_schema.Value).Validate(ReceiptWriter.ToJson(TestReceipts.Single(seed: 300)));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Schema_BatchReceiptWithoutExpiry_IsValid()
    {
        var errors = (await s_schema.Value).Validate(ReceiptWriter.ToJson(TestReceipts.InBatch(seed: 310)));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Schema_BatchOfOneWithEmptyProof_IsValid()
    {
        string json = ReceiptWriter.ToJson(TestReceipts.InBatch(seed: 320, documents: 1, index: 0));

        Assert.Empty((await s_schema.Value).Validate(json));
        Assert.True(ReceiptReader.Parse(json).IsValid);
    }

    [Theory]
    [MemberData(nameof(MalformedReceipts.Names), MemberType = typeof(MalformedReceipts))]
    public async Task Schema_MalformedReceipt_IsRejectedBySchemaAndReader(string name)
    {
        var sample = MalformedReceipts.Get(name);

        var schemaErrors = (await s_schema.Value).Validate(sample.Json);

        Assert.NotEmpty(schemaErrors);
        Assert.False(ReceiptReader.Parse(sample.Json).IsValid);
    }
}
