using System.Reflection;
using System.Text;

namespace PostRenderer.Core.Tests.Architecture;

/// <summary>
/// An assembly's public surface as text, one line per type or member, sorted, so that a change to it shows as a
/// line added or removed in review. Only what another assembly can reach counts: public types (nested ones
/// through public parents) and their public and protected members.
/// </summary>
internal static class PublicSurface
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static IReadOnlyList<string> Of(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(type => !type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .SelectMany(Lines)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> Lines(Type type)
    {
        var name = TypeName(type);
        yield return $"{name}: {Kind(type)}{BaseList(type)}";
        foreach (var member in type.GetMembers(Declared).Where(Reachable))
        {
            if (Describe(member) is { } text)
            {
                yield return $"{name}: {text}";
            }
        }
    }

    // Compiler-made members ("<Clone>$") are named so that no source can call them; accessors count through
    // their property or event.
    private static bool Reachable(MemberInfo member) => !member.Name.StartsWith('<') && member switch
    {
        MethodBase method => Visible(method) && !method.IsSpecialName,
        FieldInfo field => (field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly) && !field.IsSpecialName,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(Visible),
        EventInfo @event => @event.AddMethod is { } add && Visible(add),
        _ => false,
    };

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string? Describe(MemberInfo member) => member switch
    {
        ConstructorInfo constructor => $"{Static(constructor)}.ctor({Parameters(constructor)})",
        MethodInfo method => $"{Static(method)}{method.Name}{GenericArguments(method)}({Parameters(method)}) -> {TypeName(method.ReturnType)}",
        PropertyInfo property => $"{(property.GetAccessors(nonPublic: true)[0].IsStatic ? "static " : string.Empty)}{property.Name}{Indexer(property)}: {TypeName(property.PropertyType)} {{{Accessors(property)}}}",
        FieldInfo field => $"{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{(field.IsInitOnly ? "readonly " : string.Empty)}{field.Name}: {TypeName(field.FieldType)}{(field.IsLiteral ? " = " + Literal(field) : string.Empty)}",
        EventInfo @event => $"event {@event.Name}: {TypeName(@event.EventHandlerType!)}",
        _ => null,
    };

    private static string Kind(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : type.IsValueType ? (type.GetMethod("<Clone>$") is null && type.GetProperty("EqualityContract", Declared) is null ? "struct" : "record struct")
        : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : (type.IsAbstract && type.IsSealed ? "static " : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : string.Empty)
          + (type.GetMethod("<Clone>$") is null ? "class" : "record");

    private static string BaseList(Type type)
    {
        var bases = new List<string>();
        if (type.IsEnum)
        {
            return " : " + TypeName(Enum.GetUnderlyingType(type));
        }

        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum) && !typeof(Delegate).IsAssignableFrom(type))
        {
            bases.Add(TypeName(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(face => face.IsPublic || face.IsNestedPublic).Where(face => !face.IsGenericType || face.GetGenericTypeDefinition() != typeof(IEquatable<>)).Select(TypeName).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases);
    }

    private static string Static(MethodBase method) => method.IsStatic ? "static " : method.IsAbstract ? "abstract " : method.IsVirtual && !method.IsFinal ? "virtual " : string.Empty;

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(argument => argument.Name)) + ">" : string.Empty;

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(parameter => (parameter.IsOut ? "out " : parameter.ParameterType.IsByRef ? "ref " : string.Empty) + TypeName(parameter.ParameterType) + " " + parameter.Name + (parameter.HasDefaultValue ? " = " + (parameter.DefaultValue ?? "null") : string.Empty)));

    private static string Indexer(PropertyInfo property) =>
        property.GetIndexParameters() is { Length: > 0 } index ? "[" + string.Join(", ", index.Select(parameter => TypeName(parameter.ParameterType))) + "]" : string.Empty;

    private static string Accessors(PropertyInfo property)
    {
        var parts = new StringBuilder();
        if (property.GetMethod is { } getter && Visible(getter))
        {
            parts.Append(" get;");
        }

        if (property.SetMethod is { } setter && Visible(setter))
        {
            var init = setter.ReturnParameter.GetRequiredCustomModifiers().Any(modifier => modifier.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            parts.Append(init ? " init;" : " set;");
        }

        return parts.Append(' ').ToString();
    }

    private static string Literal(FieldInfo field) => field.GetRawConstantValue() switch
    {
        string text => "\"" + text + "\"",
        null => "null",
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string TypeName(Type type)
    {
        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? TypeName(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
    }
}
