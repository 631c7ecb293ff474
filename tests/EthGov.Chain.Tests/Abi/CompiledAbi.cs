using System.Text.Json;

namespace EthGov.Chain.Tests.Abi;

/// <summary>One parameter of a compiled ABI entry, with the components of a tuple.</summary>
internal sealed record AbiParameter(string Name, string Type, bool Indexed, IReadOnlyList<AbiParameter> Components)
{
    /// <summary>The type as it enters a signature: <c>(uint32,bytes32)[]</c> for a <c>tuple[]</c>.</summary>
    public string Canonical => Type.StartsWith("tuple", StringComparison.Ordinal)
        ? $"({string.Join(",", Components.Select(c => c.Canonical))}){Type["tuple".Length..]}"
        : Type;

    public static AbiParameter Parse(JsonElement parameter) => new(
        parameter.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
        parameter.GetProperty("type").GetString()!,
        parameter.TryGetProperty("indexed", out var indexed) && indexed.GetBoolean(),
        parameter.TryGetProperty("components", out var components) ? [.. components.EnumerateArray().Select(Parse)] : []);
}

/// <summary>A function, event, error or constructor of a compiled ABI.</summary>
internal sealed record AbiEntry(string Kind, string Name, IReadOnlyList<AbiParameter> Inputs, IReadOnlyList<AbiParameter> Outputs, string? StateMutability)
{
    /// <summary><c>name(type,type)</c>, from which selectors and event topics are hashed.</summary>
    public string Signature => $"{Name}({string.Join(",", Inputs.Select(p => p.Canonical))})";

    /// <summary>The canonical output types, comma-separated.</summary>
    public string OutputTypes => string.Join(",", Outputs.Select(p => p.Canonical));

    public bool ChangesState => StateMutability is not ("view" or "pure");
}

/// <summary>The entries of a Hardhat artifact's ABI, by kind and signature.</summary>
internal sealed class CompiledAbi
{
    private CompiledAbi(IReadOnlyList<AbiEntry> entries) => Entries = entries;

    public IReadOnlyList<AbiEntry> Entries { get; }

    public IEnumerable<AbiEntry> Functions => Entries.Where(e => e.Kind == "function");

    public IEnumerable<AbiEntry> Events => Entries.Where(e => e.Kind == "event");

    public IEnumerable<AbiEntry> Errors => Entries.Where(e => e.Kind == "error");

    public AbiEntry? Constructor => Entries.SingleOrDefault(e => e.Kind == "constructor");

    public static CompiledAbi Parse(string abiJson)
    {
        using var abi = JsonDocument.Parse(abiJson);
        return new CompiledAbi([.. abi.RootElement.EnumerateArray().Select(entry => new AbiEntry(
            entry.GetProperty("type").GetString()!,
            entry.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
            entry.TryGetProperty("inputs", out var inputs) ? [.. inputs.EnumerateArray().Select(AbiParameter.Parse)] : [],
            entry.TryGetProperty("outputs", out var outputs) ? [.. outputs.EnumerateArray().Select(AbiParameter.Parse)] : [],
            entry.TryGetProperty("stateMutability", out var mutability) ? mutability.GetString() : null))]);
    }

    public AbiEntry? Find(string kind, string signature) => Entries.FirstOrDefault(e => e.Kind == kind && e.Signature == signature);
}
