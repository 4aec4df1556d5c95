namespace FhirAi.CdsHooks;

/// <summary>The ids of FhirAi's CDS services, as listed in discovery and used in the service and feedback URLs.</summary>
public static class CdsServiceIds
{
    /// <summary>Hook <c>patient-view</c>: abnormal and critical results, patterns and risk scores of the patient.</summary>
    public const string PatientView = "fhirai-patient-view";

    /// <summary>Hooks <c>order-select</c> and <c>order-sign</c>: review of the draft MedicationRequests.</summary>
    public const string MedicationReview = "fhirai-medication-review";

    /// <summary>Every service id, for routing checks (unknown id → 404).</summary>
    public static IReadOnlyList<string> All { get; } = [PatientView, MedicationReview];
}
