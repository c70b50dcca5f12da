using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace KzMigration.Tests.Architecture;

/// <summary>
/// What a compiled assembly's types use, read from its metadata and IL with System.Reflection.Metadata (no assembly
/// is loaded for execution, no Roslyn): for each type of the assembly, the other types <em>of the same assembly</em> it
/// refers to (base type, interfaces, field, method and property signatures, generic constraints, custom attributes
/// and every type, method or field token in its method bodies), and the string literals its IL loads. Compiler-made
/// nested types (closures, iterators, async state machines) count as their enclosing type, so a lambda's uses are
/// its method's. This is what the compiler kept, so a <c>using</c> line that nothing needs does not count and a
/// fully qualified name does.
/// </summary>
internal sealed class AssemblyScan
{
    private readonly MetadataReader reader;
    private readonly Dictionary<TypeDefinitionHandle, string> owner = [];

    /// <summary>The namespace of each top-level type (by its full name), for the assembly's own namespaces only.</summary>
    public IReadOnlyDictionary<string, string> NamespaceOfType { get; }

    /// <summary>For each type (full name of its top-level type), the full names of the other own types it uses.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Uses { get; }

    /// <summary>For each type (full name of its top-level type), the string literals its IL and constants hold.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Literals { get; }

    /// <summary>The namespaces the assembly declares types in (compiler-generated helpers without a namespace excluded).</summary>
    public IReadOnlySet<string> Namespaces => NamespaceOfType.Values.ToHashSet(StringComparer.Ordinal);

    private AssemblyScan(MetadataReader reader, PEReader pe)
    {
        this.reader = reader;
        var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeDefinitions)
        {
            var top = handle;
            while (reader.GetTypeDefinition(top).GetDeclaringType() is { IsNil: false } outer) top = outer;
            var definition = reader.GetTypeDefinition(top);
            var name = FullName(definition);
            owner[handle] = name;
            namespaces[name] = reader.GetString(definition.Namespace);
        }
        NamespaceOfType = namespaces;

        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var literals = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in namespaces.Keys) { uses[name] = new(StringComparer.Ordinal); literals[name] = []; }
        var provider = new TypeCollector(this);
        foreach (var handle in reader.TypeDefinitions)
        {
            var from = owner[handle];
            var found = new List<TypeDefinitionHandle>();
            provider.Sink = found;
            var type = reader.GetTypeDefinition(handle);
            AddType(type.BaseType, provider);
            foreach (var i in type.GetInterfaceImplementations()) AddType(reader.GetInterfaceImplementation(i).Interface, provider);
            foreach (var p in type.GetGenericParameters()) AddConstraints(p, provider);
            AddAttributes(type.GetCustomAttributes(), provider);
            foreach (var f in type.GetFields())
            {
                var field = reader.GetFieldDefinition(f);
                field.DecodeSignature(provider, null);
                AddAttributes(field.GetCustomAttributes(), provider);
                if (!field.GetDefaultValue().IsNil && reader.GetConstant(field.GetDefaultValue()) is { TypeCode: ConstantTypeCode.String } constant)
                {
                    var blob = reader.GetBlobReader(constant.Value); // a string constant is its UTF-16 bytes
                    literals[from].Add(blob.ReadUTF16(blob.Length));
                }
            }
            foreach (var p in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(p);
                property.DecodeSignature(provider, null);
                AddAttributes(property.GetCustomAttributes(), provider);
            }
            foreach (var m in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(m);
                method.DecodeSignature(provider, null);
                AddAttributes(method.GetCustomAttributes(), provider);
                foreach (var p in method.GetGenericParameters()) AddConstraints(p, provider);
                if (method.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                    reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
                ScanIl(body.GetILReader(), provider, literals[from]);
            }
            foreach (var target in found)
            {
                var to = owner[target];
                if (to != from) uses[from].Add(to);
            }
        }
        Uses = uses.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value, StringComparer.Ordinal);
        Literals = literals.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>Reads the assembly at <paramref name="path"/> (a file; nothing is loaded into the process).</summary>
    public static AssemblyScan Of(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage);
        return new AssemblyScan(pe.GetMetadataReader(), pe);
    }

    /// <summary>
    /// The namespace graph: for each namespace of the assembly, the other namespaces of the assembly its types use,
    /// each edge with one example (<c>type → type</c>) so a failure says where to look.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NamespaceGraph(Func<string, bool> include)
    {
        var graph = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (type, ns) in NamespaceOfType)
            if (include(ns)) graph.TryAdd(ns, new(StringComparer.Ordinal));
        foreach (var (from, targets) in Uses.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var a = NamespaceOfType[from];
            if (!include(a)) continue;
            foreach (var to in targets.Order(StringComparer.Ordinal))
            {
                var b = NamespaceOfType[to];
                if (a != b && include(b)) graph[a].TryAdd(b, $"{from} → {to}");
            }
        }
        return graph.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value, StringComparer.Ordinal);
    }

    private string FullName(TypeDefinition definition)
    {
        var ns = reader.GetString(definition.Namespace);
        var name = reader.GetString(definition.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private void AddType(EntityHandle handle, TypeCollector provider)
    {
        if (handle.IsNil) return;
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition: provider.Sink.Add((TypeDefinitionHandle)handle); break;
            case HandleKind.TypeSpecification: reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null); break;
        }
    }

    private void AddConstraints(GenericParameterHandle handle, TypeCollector provider)
    {
        foreach (var c in reader.GetGenericParameter(handle).GetConstraints()) AddType(reader.GetGenericParameterConstraint(c).Type, provider);
    }

    private void AddAttributes(CustomAttributeHandleCollection attributes, TypeCollector provider)
    {
        foreach (var a in attributes) AddMember(reader.GetCustomAttribute(a).Constructor, provider);
    }

    private void AddMember(EntityHandle handle, TypeCollector provider)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
            case HandleKind.TypeSpecification:
                AddType(handle, provider); break;
            case HandleKind.TypeReference: break; // another assembly
            case HandleKind.MethodDefinition:
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                provider.Sink.Add(method.GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                provider.Sink.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                AddMember(member.Parent, provider);
                if (member.GetKind() == MemberReferenceKind.Method) member.DecodeMethodSignature(provider, null);
                else member.DecodeFieldSignature(provider, null);
                break;
            case HandleKind.MethodSpecification:
                var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddMember(spec.Method, provider);
                spec.DecodeSignature(provider, null);
                break;
            case HandleKind.StandaloneSignature:
                break;
        }
    }

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private void ScanIl(BlobReader il, TypeCollector provider, List<string> literals)
    {
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE) code = unchecked((short)(0xFE00 | il.ReadByte()));
            switch (Operands[code])
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.Offset += 1; break;
                case OperandType.InlineVar: il.Offset += 2; break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR: il.Offset += 4; break;
                case OperandType.InlineI8 or OperandType.InlineR: il.Offset += 8; break;
                case OperandType.InlineSwitch: var n = il.ReadInt32(); il.Offset += 4 * n; break;
                case OperandType.InlineSig: il.Offset += 4; break;
                case OperandType.InlineString:
                    literals.Add(reader.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF)));
                    break;
                case OperandType.InlineTok or OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField:
                    AddMember(MetadataTokens.EntityHandle(il.ReadInt32()), provider);
                    break;
                default: throw new InvalidOperationException($"IL operand type {Operands[code]} not handled");
            }
        }
    }

    /// <summary>Decodes signatures, collecting every type definition of this assembly they mention.</summary>
    private sealed class TypeCollector(AssemblyScan scan) : ISignatureTypeProvider<int, object?>
    {
        public List<TypeDefinitionHandle> Sink { get; set; } = [];
        public int GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) { Sink.Add(handle); return 0; }
        public int GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => 0;
        public int GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            scan.reader.GetTypeSpecification(handle).DecodeSignature(this, context);
            return 0;
        }
        public int GetArrayType(int elementType, ArrayShape shape) => 0;
        public int GetByReferenceType(int elementType) => 0;
        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;
        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;
        public int GetGenericMethodParameter(object? context, int index) => 0;
        public int GetGenericTypeParameter(object? context, int index) => 0;
        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
        public int GetPinnedType(int elementType) => 0;
        public int GetPointerType(int elementType) => 0;
        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;
        public int GetSZArrayType(int elementType) => 0;
    }
}
