using System.ComponentModel.DataAnnotations;

namespace FhirAi.Server.Configuration;

/// <summary>Configuration section <c>FhirAi:Server</c>: request limits and paging.</summary>
public sealed class FhirServerOptions
{
    public const string SectionName = "FhirAi:Server";

    /// <summary>Largest request body accepted, in bytes; larger → 413.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted; deeper → 400. FHIR resources rarely pass 20.</summary>
    [Range(8, 256)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Longest JSON string accepted, in UTF-8 bytes; longer → 400. FHIR limits strings to 1 MB.</summary>
    [Range(64, int.MaxValue)]
    public int MaxStringBytes { get; set; } = 1024 * 1024;

    /// <summary>Most entries a batch or transaction Bundle may hold; more → 413, nothing written.</summary>
    [Range(1, 100_000)]
    public int MaxBundleEntries { get; set; } = 5000;

    /// <summary>Whether a conditional delete may delete several matches (otherwise 412).</summary>
    public bool AllowMultipleConditionalDelete { get; set; }

    [Range(1, 10_000)]
    public int DefaultPageSize { get; set; } = 50;

    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Rounds of <c>_include:iterate</c>/<c>_revinclude:iterate</c> after the first round of includes.</summary>
    [Range(0, 10)]
    public int MaxIncludeIterations { get; set; } = 3;

    /// <summary>Most resources <c>_include</c>/<c>_revinclude</c> add to one page; past it the list is cut and a warning says so.</summary>
    [Range(1, 100_000)]
    public int MaxIncludedResources { get; set; } = 1000;

    /// <summary>
    /// Most matches <c>_total=estimate</c> (the default) counts; past it the searchset has no <c>total</c>
    /// (<c>_total=accurate</c> and <c>_summary=count</c> always count them all).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxEstimatedTotal { get; set; } = 1000;
}
