using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Util;

namespace EthGov.Chain.Tests.Abi;

/// <summary>
/// Compares hand-written Nethereum bindings with a compiled ABI and says every difference in words: a missing entry,
/// a parameter of another type, name or indexing (at any depth of a tuple), a property too small for its ABI type.
/// Names are compared because two fields of one type bound in the wrong order still decode, into the wrong property.
/// </summary>
internal static class BindingCheck
{
    /// <summary>
    /// A <c>[Function]</c> binding against <paramref name="abi"/>: name and input types in order, outputs (a
    /// <c>[FunctionOutput]</c> DTO field by field, or the return type string), the selector Nethereum computes.
    /// <paramref name="names"/> supplies parameter names where <paramref name="abi"/> leaves them out (the registry
    /// declares its extension's functions with unnamed parameters; the extension's own ABI names them).
    /// </summary>
    public static IEnumerable<string> Function(Type binding, CompiledAbi abi, CompiledAbi? names = null)
    {
        var attribute = binding.GetCustomAttribute<FunctionAttribute>()
            ?? throw new ArgumentException($"{binding.Name} has no [Function]", nameof(binding));
        var inputs = BoundParameter.Of(binding);
        var signature = $"{attribute.Name}({string.Join(",", inputs.Select(p => p.Canonical))})";
        var compiled = abi.Find("function", signature);
        if (compiled is null)
        {
            var overloads = abi.Functions.Where(f => f.Name == attribute.Name).Select(f => f.Signature).ToList();
            yield return $"{binding.Name}: {signature} is not in the ABI" + (overloads.Count > 0 ? $", which has {string.Join(", ", overloads)}" : "");
            yield break;
        }

        var named = names?.Find("function", signature) ?? compiled;
        var selector = Sha3Keccack.Current.CalculateHash(signature)[..8];
        if (!string.Equals(ABITypedRegistry.GetFunctionABI(binding).Sha3Signature, selector, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{binding.Name}: Nethereum encodes selector {ABITypedRegistry.GetFunctionABI(binding).Sha3Signature}, {signature} is {selector}";
        }

        foreach (var problem in Parameters($"{binding.Name} input", inputs, compiled.Inputs, named.Inputs))
        {
            yield return problem;
        }

        if (attribute.DTOReturnType is { } output)
        {
            foreach (var problem in Parameters($"{binding.Name} output ({output.Name})", BoundParameter.Of(output), compiled.Outputs, named.Outputs))
            {
                yield return problem;
            }
        }
        else if ((attribute.ReturnType ?? "") != compiled.OutputTypes)
        {
            yield return $"{binding.Name}: returns ({attribute.ReturnType}) in the binding, ({compiled.OutputTypes}) compiled";
        }
    }

    /// <summary>An <c>[Event]</c> binding against <paramref name="abi"/>: name, parameter types, names and indexing in order.</summary>
    public static IEnumerable<string> Event(Type binding, CompiledAbi abi)
    {
        var attribute = binding.GetCustomAttribute<EventAttribute>()
            ?? throw new ArgumentException($"{binding.Name} has no [Event]", nameof(binding));
        var parameters = BoundParameter.Of(binding);
        var signature = $"{attribute.Name}({string.Join(",", parameters.Select(p => p.Canonical))})";
        var compiled = abi.Find("event", signature);
        if (compiled is null)
        {
            var overloads = abi.Events.Where(e => e.Name == attribute.Name).Select(e => e.Signature).ToList();
            yield return $"{binding.Name}: event {signature} is not in the ABI" + (overloads.Count > 0 ? $", which has {string.Join(", ", overloads)}" : "");
            yield break;
        }

        if (!string.Equals(ABITypedRegistry.GetEvent(binding).Sha3Signature, Sha3Keccack.Current.CalculateHash(signature), StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{binding.Name}: Nethereum computes another topic than {signature}'s";
        }

        foreach (var problem in Parameters(binding.Name, parameters, compiled.Inputs, compiled.Inputs))
        {
            yield return problem;
        }
    }

    /// <summary>A deployment message's parameters against the constructor of <paramref name="abi"/>.</summary>
    public static IEnumerable<string> Constructor(Type binding, CompiledAbi abi)
        => abi.Constructor is { } constructor
            ? Parameters($"{binding.Name} constructor", BoundParameter.Of(binding), constructor.Inputs, constructor.Inputs)
            : [$"{binding.Name}: the ABI has no constructor"];

    /// <summary>
    /// Bound parameters against compiled ones, position by position and into tuple components: type, name (where
    /// <paramref name="named"/> has one), indexed flag, and whether the property holds every value of its type.
    /// </summary>
    public static IEnumerable<string> Parameters(string where, IReadOnlyList<BoundParameter> bound, IReadOnlyList<AbiParameter> compiled, IReadOnlyList<AbiParameter> named)
    {
        if (!bound.Select(p => p.Order).SequenceEqual(Enumerable.Range(1, bound.Count)))
        {
            yield return $"{where}: parameter orders {string.Join(",", bound.Select(p => p.Order))} are not 1..{bound.Count}";
        }

        if (bound.Count != compiled.Count)
        {
            yield return $"{where}: ({string.Join(",", bound.Select(p => p.Canonical))}) bound, ({string.Join(",", compiled.Select(p => p.Canonical))}) compiled";
            yield break;
        }

        for (int i = 0; i < bound.Count; i++)
        {
            var (b, c, n) = (bound[i], compiled[i], named.Count == compiled.Count ? named[i] : compiled[i]);
            var name = n.Name.Length > 0 ? n.Name : b.Name;
            var at = name.Length > 0 ? $"{where} #{i + 1} '{name}'" : $"{where} #{i + 1}";
            if (b.Type != c.Type)
            {
                yield return $"{at}: {b.Type} bound, {c.Type} compiled";
                continue;
            }

            if (n.Name.Length > 0 && b.Name != n.Name)
            {
                yield return $"{at}: bound as '{b.Name}'";
            }

            if (b.Indexed != c.Indexed)
            {
                yield return $"{at}: indexed {b.Indexed} bound, {c.Indexed} compiled";
            }

            if (BoundParameter.ClrMismatch(b.Type, b.ClrType) is { } mismatch)
            {
                yield return $"{at}: {mismatch}";
            }

            if (c.Type.StartsWith("tuple", StringComparison.Ordinal))
            {
                foreach (var problem in Parameters(at, b.Components, c.Components, n.Components))
                {
                    yield return problem;
                }
            }
        }
    }
}
