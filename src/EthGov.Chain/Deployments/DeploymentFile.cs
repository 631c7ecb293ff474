using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthGov.Chain.Deployments;

/// <summary>Reads and writes deployment files (<c>deployments/&lt;chainId&gt;.json</c>).</summary>
public static class DeploymentFile
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The conventional path of the deployment file for <paramref name="chainId"/> under <paramref name="folder"/>.</summary>
    public static string PathFor(string folder, ulong chainId) => System.IO.Path.Combine(folder, $"{chainId}.json");

    /// <summary>Writes <paramref name="deployment"/> to <paramref name="path"/>, creating the folder.</summary>
    public static async Task SaveAsync(Deployment deployment, string path, CancellationToken cancellationToken = default)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(deployment, s_json) + "\n", cancellationToken);
    }

    /// <summary>Reads a deployment file, with a one-line error when it is missing or malformed.</summary>
    public static async Task<Deployment> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"deployment file '{path}' does not exist; run `ethgov deploy` first");
        }

        try
        {
            return JsonSerializer.Deserialize<Deployment>(await File.ReadAllTextAsync(path, cancellationToken), s_json)
                ?? throw new InvalidDataException($"deployment file '{path}' is empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"deployment file '{path}' is not valid: {ex.Message}", ex);
        }
    }
}
