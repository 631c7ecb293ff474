using EthGov.Core.Crypto.HttpSignatures;

namespace EthGov.Core.Tests.Crypto.HttpSignatures;

public class HttpMessagePartsTests
{
    [Fact]
    public void Derived_RequestWithPortAndQuery_GiveEachPart()
    {
        var request = HttpMessageParts.ForRequest("GET", new Uri("https://Node.Example:8443/api/records?b=2&a=1"));

        Assert.Equal("GET", Value(request, ComponentIdentifier.Method));
        Assert.Equal("https", Value(request, ComponentIdentifier.Scheme));
        Assert.Equal("node.example:8443", Value(request, ComponentIdentifier.Authority));
        Assert.Equal("https://node.example:8443/api/records?b=2&a=1", Value(request, ComponentIdentifier.TargetUri));
        Assert.Equal("/api/records?b=2&a=1", Value(request, ComponentIdentifier.RequestTarget));
        Assert.Equal("/api/records", Value(request, ComponentIdentifier.Path));
        Assert.Equal("?b=2&a=1", Value(request, ComponentIdentifier.Query));
    }

    [Fact]
    public void Derived_RequestWithoutQuery_QueryIsAQuestionMarkAlone()
    {
        var request = HttpMessageParts.ForRequest("GET", new Uri("https://node.example"));

        Assert.Equal("?", Value(request, ComponentIdentifier.Query));
        Assert.Equal("/", Value(request, ComponentIdentifier.Path));
        Assert.Equal("/", Value(request, ComponentIdentifier.RequestTarget));
        Assert.Equal("https://node.example/", Value(request, ComponentIdentifier.TargetUri));
    }

    [Theory]
    [InlineData("https", "Node.Example:443", "node.example")]
    [InlineData("HTTP", "node.example:80", "node.example")]
    [InlineData("https", "node.example:80", "node.example:80")]
    [InlineData("https", "[::1]:443", "[::1]")]
    public void ForRequest_FromParts_LowercasesAndDropsTheDefaultPort(string scheme, string authority, string expected)
    {
        var request = HttpMessageParts.ForRequest("GET", scheme, authority, "/x", null);

        Assert.Equal(expected, request.Authority);
        Assert.Equal(scheme.ToLowerInvariant(), request.Scheme);
    }

    [Fact]
    public void ForRequest_FromUriAndFromParts_GiveTheSameComponents()
    {
        var fromUri = HttpMessageParts.ForRequest("POST", new Uri("https://holder.example/api/v1/x?y=1"));
        var fromParts = HttpMessageParts.ForRequest("POST", "https", "holder.example:443", "/api/v1/x", "y=1");

        Assert.Equal(Value(fromUri, ComponentIdentifier.TargetUri), Value(fromParts, ComponentIdentifier.TargetUri));
    }

    [Theory]
    [InlineData("GE T", "https", "a.example", "/")]
    [InlineData("GET", "1https", "a.example", "/")]
    [InlineData("GET", "https", "", "/")]
    [InlineData("GET", "https", "a.example/x", "/")]
    [InlineData("GET", "https", "a.example", "x")]
    [InlineData("GET", "https", "a.example", "/x?y=1")]
    public void ForRequest_MalformedParts_Throws(string method, string scheme, string authority, string path)
    {
        Assert.Throws<ArgumentException>(() => HttpMessageParts.ForRequest(method, scheme, authority, path, null));
    }

    [Fact]
    public void ForRequest_RelativeUri_Throws()
    {
        Assert.Throws<ArgumentException>(() => HttpMessageParts.ForRequest("GET", new Uri("/x", UriKind.Relative)));
    }

    [Fact]
    public void Field_SeveralLines_AreTrimmedAndCombinedInOrder()
    {
        var message = HttpMessageParts.ForResponse(200)
            .AddField("Cache-Control", "  max-age=60 ")
            .AddField("cache-control", "\tmust-revalidate");

        Assert.Equal("max-age=60, must-revalidate", Value(message, ComponentIdentifier.Field("Cache-Control")));
    }

    [Fact]
    public void Field_ObsoleteLineFold_BecomesOneSpace()
    {
        var message = HttpMessageParts.ForResponse(200).AddField("X-Folded", "first part  \r\n   second part");

        Assert.Equal("first part second part", Value(message, ComponentIdentifier.Field("x-folded")));
    }

    [Theory]
    [InlineData("value\r\ninjected")]
    [InlineData("value\ninjected")]
    [InlineData("value\rinjected")]
    [InlineData("value\u0000")]
    [InlineData("caf\u00e9")]
    public void Field_WithControlOrNonAsciiCharacter_CannotBeCovered(string value)
    {
        var message = HttpMessageParts.ForResponse(200).AddField("X-Bad", value);

        Assert.False(message.TryGetComponentValue(ComponentIdentifier.Field("x-bad"), out _, out var error));
        Assert.Contains("cannot carry", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_Absent_CannotBeCovered()
    {
        Assert.False(HttpMessageParts.ForResponse(200).TryGetComponentValue(ComponentIdentifier.Field("date"), out _, out var error));
        Assert.Contains("no field \"date\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_OfARequest_CannotBeCovered()
    {
        var request = HttpMessageParts.ForRequest("GET", new Uri("https://a.example/"));

        Assert.False(request.TryGetComponentValue(ComponentIdentifier.Status, out _, out var error));
        Assert.Contains("belongs to responses", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Method_OfAResponse_CannotBeCovered()
    {
        Assert.False(HttpMessageParts.ForResponse(404).TryGetComponentValue(ComponentIdentifier.Method, out _, out var error));
        Assert.Contains("belongs to requests", error, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryParam_ValuesAndNames_AreDecodedThenPercentEncoded()
    {
        var request = HttpMessageParts.ForRequest(
            "GET",
            "https",
            "a.example",
            "/parameters",
            "var=this%20is%20a%20big%0Avalue&bar=with+plus+whitespace&fa%C3%A7ade%22%3A%20=something&qux=&lone");

        Assert.Equal("this%20is%20a%20big%0Avalue", Value(request, ComponentIdentifier.QueryParam("var")));
        Assert.Equal("with%20plus%20whitespace", Value(request, ComponentIdentifier.QueryParam("bar")));
        Assert.Equal("something", Value(request, ComponentIdentifier.QueryParam("fa\u00e7ade\": ")));
        Assert.Equal(string.Empty, Value(request, ComponentIdentifier.QueryParam("qux")));
        Assert.Equal(string.Empty, Value(request, ComponentIdentifier.QueryParam("lone")));
        Assert.Equal("\"@query-param\";name=\"fa%C3%A7ade%22%3A%20\"", ComponentIdentifier.QueryParam("fa\u00e7ade\": ").ToString());
    }

    [Fact]
    public void QueryParam_OccurringTwice_CannotBeCovered()
    {
        var request = HttpMessageParts.ForRequest("GET", new Uri("https://a.example/x?id=1&id=2"));

        Assert.False(request.TryGetComponentValue(ComponentIdentifier.QueryParam("id"), out _, out var error));
        Assert.Contains("more than once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryParam_Absent_CannotBeCovered()
    {
        var request = HttpMessageParts.ForRequest("GET", new Uri("https://a.example/x?id=1"));

        Assert.False(request.TryGetComponentValue(ComponentIdentifier.QueryParam("other"), out _, out var error));
        Assert.Contains("no parameter \"other\"", error, StringComparison.Ordinal);
    }

    private static string Value(HttpMessageParts message, ComponentIdentifier component)
    {
        Assert.True(message.TryGetComponentValue(component, out var value, out var error), error);
        return value;
    }
}
