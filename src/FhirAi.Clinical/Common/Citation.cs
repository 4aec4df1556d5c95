namespace FhirAi.Clinical.Common;

/// <summary>Where a rule, range or fact comes from; every knowledge-base entry has one and outputs repeat it.</summary>
public sealed record Citation(string Text, string? Url = null);
