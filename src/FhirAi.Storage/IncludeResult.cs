namespace FhirAi.Storage;

/// <summary>The resources included for a page (each once, none of them a match); <see cref="Truncated"/> when a limit cut the list short.</summary>
public sealed record IncludeResult(IReadOnlyList<StoredResource> Included, bool Truncated);
