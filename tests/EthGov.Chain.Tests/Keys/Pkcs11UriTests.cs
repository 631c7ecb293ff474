using EthGov.Chain.Keys.Pkcs11;

namespace EthGov.Chain.Tests.Keys;

public sealed class Pkcs11UriTests
{
    [Fact]
    public void Parse_FullUri_ReadsTokenLabelIdModuleAndPinSource()
    {
        var uri = Pkcs11Uri.Parse("pkcs11:token=Civil%20Registry;object=signer;id=%01%ff;type=private?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-source=file:/etc/ethgov/pin");

        Assert.Equal("Civil Registry", uri.Token);
        Assert.Equal("signer", uri.ObjectLabel);
        Assert.Equal(new byte[] { 0x01, 0xff }, uri.Id);
        Assert.Equal("/usr/lib/softhsm/libsofthsm2.so", uri.ModulePath);
        Assert.Equal("file:/etc/ethgov/pin", uri.PinSource);
    }

    [Theory]
    [InlineData("pkcs11:token=t;object=k;pin-value=1234?module-path=/m.so")]
    [InlineData("pkcs11:token=t;object=k?module-path=/m.so&pin-value=1234")]
    public void Parse_PinInTheUri_IsRefusedWithoutEchoingIt(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Pkcs11Uri.Parse(text));

        Assert.Contains("pin-value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pkcs11:object=k?module-path=/m.so", "no token")]
    [InlineData("pkcs11:token=t;object=k", "no module")]
    [InlineData("pkcs11:token=t?module-path=/m.so", "names no key")]
    [InlineData("pkcs11:token=t;object=k;slot=3?module-path=/m.so", "'slot'")]
    [InlineData("pkcs11:token=t;object=k;type=public?module-path=/m.so", "private key")]
    [InlineData("pkcs11:token=t;id=%zz?module-path=/m.so", "two hex digits")]
    [InlineData("pkcs11:token=t;object=k?module-path=/m.so&pin-source=https://x/pin", "file:<path> or env:<variable>")]
    [InlineData("/keys/signer.json", "starts with 'pkcs11:'")]
    public void Parse_Incomplete_SaysWhatIsMissing(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => Pkcs11Uri.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPin_FromFile_DropsTheTrailingLineBreak()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "4711\n");

        Assert.Equal("4711", Pkcs11Uri.Parse($"pkcs11:token=t;object=k?module-path=/m.so&pin-source=file://{file}").ReadPin());
        Assert.Equal("4711", Pkcs11Uri.Parse($"pkcs11:token=t;object=k?module-path=/m.so&pin-source=file:{file}").ReadPin());
    }

    [Fact]
    public void ReadPin_VariableNotSet_NamesTheVariable()
    {
        var variable = "ETHGOV_TEST_PIN_" + Guid.NewGuid().ToString("N");

        var error = Assert.Throws<InvalidOperationException>(() => Pkcs11Uri.Parse($"pkcs11:token=t;object=k?module-path=/m.so&pin-source=env:{variable}").ReadPin());

        Assert.Equal($"set {variable} to the PIN of PKCS#11 token 't'", error.Message);
    }
}
