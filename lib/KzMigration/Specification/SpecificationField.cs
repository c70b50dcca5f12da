namespace KzMigration.Specification;

/// <summary>
/// One field of the study's specification, declared once in <see cref="SpecificationFields"/> with everything the text
/// form needs: its path (<c>section.name</c>), the short names it answers to (its aliases, e.g. <c>thresholds</c>), what it
/// means, which values it takes and within which bounds, and how it is read from and written into a
/// <see cref="StudySpecification"/>. The parser, the formatter, the explorer's query string and <c>kzmig spec</c> are all
/// made from these declarations, so a value written is a value read back.
/// </summary>
public abstract class SpecificationField
{
    private protected SpecificationField(string path, IReadOnlyList<string> aliases, string help)
    {
        Path = path;
        Aliases = aliases;
        Help = help;
    }

    /// <summary>The canonical name: <c>section.name</c>, e.g. <c>scoring.thresholds</c>.</summary>
    public string Path { get; }

    /// <summary>The section: <c>scoring</c>, <c>migration</c>, <c>estimation</c>, <c>sensitivity</c> or <c>claims</c>.</summary>
    public string Section => Path[..Path.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The name within its section (what the section's own text uses, e.g. <c>lag</c> in notebook 06's estimation text).</summary>
    public string Name => Path[(Path.IndexOf('.', StringComparison.Ordinal) + 1)..];

    /// <summary>
    /// The names this field answers to without its section, each given to this field only (<c>--param</c> names: the first is
    /// the one written by <see cref="ShortName"/>). Empty when the name without section is shared with a field of another section
    /// that owns it, e.g. <c>estimation.years</c>: then the path is written.
    /// </summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>What the field chooses, in one sentence.</summary>
    public string Help { get; }

    /// <summary>The values it takes, with their bounds, in words (e.g. «a whole number from 99 to 1000000»).</summary>
    public abstract string Values { get; }

    /// <summary>The paper's value (<see cref="StudySpecification.Paper"/>), as text.</summary>
    public string Default => Format(StudySpecification.Paper);

    /// <summary>The shortest name that means this field anywhere: its first alias, else its path.</summary>
    public string ShortName => Aliases.Count > 0 ? Aliases[0] : Path;

    /// <summary>The field's value in <paramref name="specification"/>, as text.</summary>
    public abstract string Format(StudySpecification specification);

    /// <summary>Reads a value's text; throws <see cref="FormatException"/> with the reason (the caller names the field).</summary>
    internal abstract object Read(string text);

    /// <summary><paramref name="specification"/> with this field set to a value <see cref="Read"/> returned.</summary>
    internal abstract StudySpecification Set(StudySpecification specification, object value);

    /// <summary>
    /// Fields whose values only make sense together (the band scale's thresholds, points and labels) share a group, applied
    /// at once to the values given; null for a field set on its own.
    /// </summary>
    internal FieldGroup? Group { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Path;
}

/// <summary>A field holding a value of type <typeparamref name="T"/>, read and written by its <see cref="Codec"/>.</summary>
public sealed class SpecificationField<T> : SpecificationField
{
    private readonly Func<StudySpecification, T> get;
    private readonly Func<StudySpecification, T, StudySpecification> set;

    internal SpecificationField(string path, IReadOnlyList<string> aliases, string help, ValueCodec<T> codec,
        Func<StudySpecification, T> get, Func<StudySpecification, T, StudySpecification> set)
        : base(path, aliases, help)
    {
        Codec = codec;
        this.get = get;
        this.set = set;
    }

    /// <summary>How the value is written and read.</summary>
    public ValueCodec<T> Codec { get; }

    /// <inheritdoc/>
    public override string Values => Codec.Values;

    /// <summary>The field's value in <paramref name="specification"/>.</summary>
    public T Get(StudySpecification specification) => get(specification);

    /// <summary><paramref name="specification"/> with this field set to <paramref name="value"/>.</summary>
    public StudySpecification With(StudySpecification specification, T value) => set(specification, value);

    /// <inheritdoc/>
    public override string Format(StudySpecification specification) => Codec.Format(get(specification));

    internal override object Read(string text) => Codec.Parse(text)!;

    internal override StudySpecification Set(StudySpecification specification, object value) => set(specification, (T)value);
}

/// <summary>Fields applied together, e.g. the band scale's thresholds, points and labels, whose numbers must agree.</summary>
/// <param name="Apply">
/// Sets the given members' values (read by each member) on a specification, the others kept where they still fit; throws
/// <see cref="FieldException"/> naming the member at fault.
/// </param>
internal sealed record FieldGroup(Func<StudySpecification, IReadOnlyDictionary<SpecificationField, object>, StudySpecification> Apply);

/// <summary>A value a field refuses, with the reason; the parser names the field as the user wrote it.</summary>
internal sealed class FieldException(SpecificationField field, string reason) : FormatException(reason)
{
    public SpecificationField Field { get; } = field;
}
