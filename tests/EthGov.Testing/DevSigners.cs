namespace EthGov.Testing;

/// <summary>
/// The signer of each department of the dev deployment (<see cref="DevChain.Departments"/>, config/departments.dev.json)
/// as an API is given it: <c>EthGov:Signers:&lt;CODE&gt; = dev:N</c>. The API holds no signer unless told, so whoever
/// starts one says which departments it serves.
/// </summary>
public static class DevSigners
{
    /// <summary>Every dev department's signer: CIVIL = dev:1, HEALTH = dev:2, TRANSPORT = dev:3.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CIVIL"] = "dev:1",
        ["HEALTH"] = "dev:2",
        ["TRANSPORT"] = "dev:3",
    };

    /// <summary>The dev signer of <paramref name="departmentCode"/>.</summary>
    public static string Of(string departmentCode) => All.TryGetValue(departmentCode, out var signer)
        ? signer
        : throw new ArgumentException($"{departmentCode} is not a department of the dev deployment", nameof(departmentCode));

    /// <summary>The dev account number behind <paramref name="departmentCode"/>'s signer (1-3).</summary>
    public static int AccountOf(string departmentCode) => int.Parse(Of(departmentCode).AsSpan("dev:".Length), System.Globalization.CultureInfo.InvariantCulture);
}
