namespace FhirAi.Storage;

/// <summary>
/// Bounds on <c>_include</c>/<c>_revinclude</c> work for one page: <see cref="MaxIterations"/> rounds of
/// <c>:iterate</c> after the first, and at most <see cref="MaxResources"/> included resources in all.
/// </summary>
public sealed record IncludeLimits(int MaxIterations, int MaxResources);
