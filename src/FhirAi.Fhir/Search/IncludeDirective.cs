namespace FhirAi.Fhir.Search;

/// <summary>
/// One <c>_include</c> (forward) or <c>_revinclude</c> (<paramref name="Reverse"/>) value:
/// <c>SourceType:parameter[:TargetType]</c>. A null <paramref name="Parameter"/> is <c>*</c> (every
/// reference parameter of the source type); a null <paramref name="SourceType"/> is the bare <c>*</c>
/// (every reference of every type). <paramref name="Iterate"/> applies it to included resources too.
/// </summary>
public sealed record IncludeDirective(bool Reverse, bool Iterate, string? SourceType, string? Parameter, string? TargetType)
{
    /// <summary>The value as a client writes it, for messages and the CapabilityStatement.</summary>
    public override string ToString() =>
        SourceType is null ? "*" : $"{SourceType}:{Parameter ?? "*"}{(TargetType is null ? string.Empty : ":" + TargetType)}";
}
