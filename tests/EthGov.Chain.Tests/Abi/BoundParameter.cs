using System.Numerics;
using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;

namespace EthGov.Chain.Tests.Abi;

/// <summary>
/// A parameter as a hand-written Nethereum binding declares it: its <see cref="ParameterAttribute"/> (ABI type, name,
/// order, indexed) and the CLR type of the property Nethereum encodes from or decodes into.
/// </summary>
internal sealed record BoundParameter(string Name, string Type, bool Indexed, int Order, Type ClrType, IReadOnlyList<BoundParameter> Components)
{
    /// <summary>The type as it enters a signature, as <see cref="AbiParameter.Canonical"/>.</summary>
    public string Canonical => Type.StartsWith("tuple", StringComparison.Ordinal)
        ? $"({string.Join(",", Components.Select(c => c.Canonical))}){Type["tuple".Length..]}"
        : Type;

    /// <summary>The <c>[Parameter]</c> properties of <paramref name="type"/> in their declared order, tuples expanded.</summary>
    public static IReadOnlyList<BoundParameter> Of(Type type)
        => [.. type.GetProperties()
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(p => p.Attribute is not null)
            .OrderBy(p => p.Attribute!.Parameter.Order)
            .Select(p => From(p.Property.PropertyType, p.Attribute!.Parameter))];

    /// <summary>Why a <paramref name="clr"/> property cannot hold every value of <paramref name="abiType"/>, or null.</summary>
    public static string? ClrMismatch(string abiType, Type clr)
    {
        if (abiType.EndsWith(']'))
        {
            return ElementType(clr) is { } element
                ? ClrMismatch(abiType[..abiType.LastIndexOf('[')], element)
                : $"{abiType} decoded into {clr.Name}, which is no list";
        }

        bool fits = abiType switch
        {
            "tuple" => clr.IsClass && clr != typeof(string) && ElementType(clr) is null,
            "bool" => clr == typeof(bool),
            "address" or "string" => clr == typeof(string),
            _ when abiType.StartsWith("bytes", StringComparison.Ordinal) => clr == typeof(byte[]),
            _ when abiType.StartsWith("uint", StringComparison.Ordinal) => IntegerFits(int.Parse(abiType[4..]), signed: false, clr),
            _ when abiType.StartsWith("int", StringComparison.Ordinal) => IntegerFits(int.Parse(abiType[3..]), signed: true, clr),
            _ => false,
        };
        return fits ? null : $"{abiType} does not fit a {clr.Name} property";
    }

    private static BoundParameter From(Type clr, Parameter parameter)
    {
        var components = parameter.Type.StartsWith("tuple", StringComparison.Ordinal) ? Of(Innermost(clr)) : [];
        return new BoundParameter(parameter.Name ?? "", parameter.Type, parameter.Indexed, parameter.Order, clr, components);
    }

    private static Type Innermost(Type clr) => ElementType(clr) is { } element ? Innermost(element) : clr;

    private static Type? ElementType(Type clr)
    {
        if (clr.IsArray)
        {
            return clr.GetElementType();
        }

        return clr.IsGenericType && clr.GetGenericTypeDefinition() is var definition
            && (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>))
            ? clr.GetGenericArguments()[0]
            : null;
    }

    private static bool IntegerFits(int bits, bool signed, Type clr)
    {
        if (clr == typeof(BigInteger))
        {
            return true;
        }

        (int Bits, bool Signed)? held = System.Type.GetTypeCode(clr) switch
        {
            TypeCode.Byte => (8, false),
            TypeCode.SByte => (8, true),
            TypeCode.UInt16 => (16, false),
            TypeCode.Int16 => (16, true),
            TypeCode.UInt32 => (32, false),
            TypeCode.Int32 => (32, true),
            TypeCode.UInt64 => (64, false),
            TypeCode.Int64 => (64, true),
            _ => null,
        };
        return held is { } h && (signed ? h.Signed && h.Bits >= bits : h.Signed ? h.Bits > bits : h.Bits >= bits);
    }
}
