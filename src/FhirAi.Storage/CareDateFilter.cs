namespace FhirAi.Storage;

/// <summary>
/// <c>$everything</c>'s <c>start</c>/<c>end</c>: a resource whose care date (the date parameter
/// <see cref="ParameterByType"/> names for its type) has no value overlapping [<see cref="From"/>, <see cref="Before"/>) is
/// left out; a resource of a type without a care date, or without a value for it, stays. Null bounds are open.
/// </summary>
public sealed record CareDateFilter(DateTimeOffset? From, DateTimeOffset? Before, IReadOnlyDictionary<string, string> ParameterByType);
