using EthGov.Application.Nodes;

namespace EthGov.Application.Tests.Nodes;

/// <summary>What a node's base URL must be before a department publishes it: the registry's rule and a usable base URL.</summary>
public class NodeUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("https://ethgov.civil-registry.example.gov")]
    [InlineData("https://node.example/ethgov/")]
    [InlineData("http://[::1]:5080")]
    public void Problem_APublishableBaseUrl_IsNone(string url)
    {
        Assert.Null(NodeUrl.Problem(url));
    }

    [Theory]
    [InlineData("", "starts with http:// or https://")]
    [InlineData("ftp://node.example", "starts with http:// or https://")]
    [InlineData("HTTPS://node.example", "starts with http:// or https://")]
    [InlineData("node.example", "starts with http:// or https://")]
    [InlineData("https://", "an absolute URL with a host")]
    [InlineData("https://node.example/a b", "no spaces or control characters")]
    [InlineData("https://node.example/\u001b[31m", "no spaces or control characters")]
    [InlineData("https://user:secret@node.example", "no user name, query or fragment")]
    [InlineData("https://node.example/?next=1", "no user name, query or fragment")]
    [InlineData("https://node.example/#top", "no user name, query or fragment")]
    public void Problem_AUrlThatCannotBePublished_SaysWhy(string url, string problem)
    {
        Assert.Contains(problem, NodeUrl.Problem(url), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_CountsUtf8Bytes_AsTheRegistryDoes()
    {
        // 8 + 190 + 2 bytes = 200 bytes; one more two-byte character makes 202.
        var fits = "https://" + new string('a', 190) + "é";
        var tooLong = fits + "é";

        Assert.Null(NodeUrl.Problem(fits));
        Assert.Contains("at most 200 bytes", NodeUrl.Problem(tooLong), StringComparison.Ordinal);
    }
}
