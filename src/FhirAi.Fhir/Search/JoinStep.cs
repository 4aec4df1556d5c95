namespace FhirAi.Fhir.Search;

/// <summary>
/// One hop of a chained or reverse-chained parameter, along the reference parameter
/// <paramref name="Parameter"/> of <paramref name="SourceType"/> that points at <paramref name="TargetType"/>.
/// A chain (<c>subject:Patient.name</c>) walks it forward, from source to target; <c>_has</c>
/// (<c>_has:Observation:patient:code</c>) walks it in <paramref name="Reverse"/>, from target to source.
/// </summary>
public sealed record JoinStep(string SourceType, string Parameter, string TargetType, bool Reverse)
{
    /// <summary>The resource type the hop starts from.</summary>
    public string FromType => Reverse ? TargetType : SourceType;

    /// <summary>The resource type the hop arrives at.</summary>
    public string ToType => Reverse ? SourceType : TargetType;
}
