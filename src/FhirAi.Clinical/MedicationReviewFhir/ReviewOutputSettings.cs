using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>
/// How review outputs are written: the language of the texts, the review instant (from a <see cref="TimeProvider"/>),
/// FhirAi's version, and the id generator for the output resources.
/// </summary>
public sealed record ReviewOutputSettings(OutputLanguage Language, DateTimeOffset Now, string SoftwareVersion, Func<string> NewId);
