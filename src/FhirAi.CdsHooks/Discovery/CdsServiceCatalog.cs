using System.Text.Json.Serialization;
using FhirAi.Clinical.MedicationReviewFhir;

namespace FhirAi.CdsHooks.Discovery;

/// <summary>
/// FhirAi's services as discovery lists them. The medication review answers two hooks under one id, so it is listed
/// once per hook with the same id (the spec's way of saying a later hook may update the earlier hook's cards).
/// </summary>
internal static class CdsServiceCatalog
{
    public const string PatientViewHook = "patient-view";
    public const string OrderSelectHook = "order-select";
    public const string OrderSignHook = "order-sign";

    /// <summary>Prefetch keys; every key is required data: when it can neither be prefetched nor fetched the call is a 412.</summary>
    public static class Keys
    {
        public const string Patient = "patient";
        public const string Observations = "observations";
        public const string Conditions = "conditions";
        public const string Medications = "medications";
        public const string Statements = "statements";
        public const string Allergies = "allergies";
        public const string RenalLabs = "renalLabs";
    }

    private const string Patient = "Patient/{{context.patientId}}";

    private const string Usage =
        "Decision support, not a diagnosis. Send the prefetch, or a fhirServer with fhirAuthorization that can read these "
        + "resources; when neither gives the data the service answers 412.";

    public static IReadOnlyDictionary<string, string> PatientViewPrefetch { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Keys.Patient] = Patient,
        [Keys.Observations] = "Observation?patient={{context.patientId}}&_sort=-date&_count=500",
        [Keys.Conditions] = "Condition?patient={{context.patientId}}&_count=200",
        [Keys.Medications] = "MedicationRequest?patient={{context.patientId}}&status=active&_count=200",
    };

    public static IReadOnlyDictionary<string, string> MedicationReviewPrefetch { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Keys.Patient] = Patient,
        [Keys.Medications] = "MedicationRequest?patient={{context.patientId}}&status=active,on-hold&_include=MedicationRequest:medication&_count=500",
        [Keys.Statements] = "MedicationStatement?patient={{context.patientId}}&status=active,intended&_include=MedicationStatement:medication&_count=500",
        [Keys.Allergies] = "AllergyIntolerance?patient={{context.patientId}}&_count=200",
        [Keys.RenalLabs] = "Observation?patient={{context.patientId}}&code="
            + string.Join(',', RenalLabReader.EgfrCodes.Concat(RenalLabReader.CreatinineCodes).Select(code => "http://loinc.org|" + code))
            + "&_sort=-date&_count=50",
    };

    public static IReadOnlyList<CdsServiceDefinition> Services { get; } =
    [
        new()
        {
            Hook = PatientViewHook,
            Id = CdsServiceIds.PatientView,
            Title = "FhirAi lab results review",
            Description = "When a chart opens: the patient's recent critical and abnormal lab results, patterns across them and "
                + "risk scores from published equations, each with its source. Decision support, not a diagnosis.",
            Prefetch = PatientViewPrefetch,
            UsageRequirements = Usage,
        },
        MedicationReview(OrderSelectHook, "When medication orders are selected", "the selected draft MedicationRequests"),
        MedicationReview(OrderSignHook, "When medication orders are signed", "the draft MedicationRequests"),
    ];

    /// <summary>The medication review as listed for one of its hooks (same id, prefetch and checks).</summary>
    private static CdsServiceDefinition MedicationReview(string hook, string when, string orders) => new()
    {
        Hook = hook,
        Id = CdsServiceIds.MedicationReview,
        Title = "FhirAi medication review",
        Description = $"{when}: interactions, duplicate therapy, allergies, renal dose limits, dose ranges and Beers 2023 "
            + $"criteria of {orders} against the patient's record. Decision support.",
        Prefetch = MedicationReviewPrefetch,
        UsageRequirements = Usage,
    };

    /// <summary>The discovery document: <c>{"services": [...]}</c>.</summary>
    public static DiscoveryDocument Document { get; } = new(Services);

    /// <summary>The hooks a service id answers; empty for an unknown id.</summary>
    public static IReadOnlyList<string> HooksOf(string serviceId) => [.. Services.Where(s => s.Id == serviceId).Select(s => s.Hook)];

    public static IReadOnlyDictionary<string, string>? PrefetchOf(string serviceId) => Services.FirstOrDefault(s => s.Id == serviceId)?.Prefetch;

    internal sealed record DiscoveryDocument([property: JsonPropertyName("services")] IReadOnlyList<CdsServiceDefinition> Services);
}
