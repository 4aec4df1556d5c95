using System.Text.Json;
using FhirAi.CdsHooks.Discovery;
using FhirAi.CdsHooks.Protocol;

namespace FhirAi.CdsHooks.Services;

/// <summary>
/// The draft MedicationRequests a medication-review call is about: all of <c>context.draftOrders</c> on order-sign, the
/// ones named in <c>context.selections</c> on order-select. A Bundle without <c>type</c> is accepted (the public sandbox
/// sends one); other draft resources (ServiceRequest, NutritionOrder, …) are not reviewed. Drafts are reviewed against
/// <c>context.patientId</c>'s record, the hook's patient in context, whatever their own subject says (the CRD test kit's
/// order-sign fixture names another patient there).
/// </summary>
internal sealed record DraftOrders(string PatientId, IReadOnlyList<DraftOrders.Draft> Orders, IReadOnlyList<JsonElement> Medications)
{
    /// <summary>One draft order with the reference cards use for it (<c>MedicationRequest/id</c>, or where it was in the Bundle).</summary>
    public sealed record Draft(JsonElement Resource, string Reference, string? Id);

    /// <summary>Most draft orders read from one request; more is refused (400).</summary>
    public const int MaxOrders = 200;

    public static (DraftOrders? Orders, string? Error) Read(CdsRequest request)
    {
        var patientId = request.ContextString("patientId");
        if (string.IsNullOrWhiteSpace(patientId))
        {
            return (null, "'context.patientId' is required and must be a string.");
        }

        if (!request.Context.TryGetProperty("draftOrders", out var bundle) || bundle.ValueKind != JsonValueKind.Object
            || !bundle.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Bundle")
        {
            return (null, "'context.draftOrders' is required and must be a FHIR Bundle.");
        }

        HashSet<string>? selections = null;
        if (request.Hook == CdsServiceCatalog.OrderSelectHook)
        {
            if (!request.Context.TryGetProperty("selections", out var selected) || selected.ValueKind != JsonValueKind.Array
                || selected.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
            {
                return (null, "'context.selections' is required on order-select and must be an array of references (Type/id).");
            }

            selections = [.. selected.EnumerateArray().Select(s => s.GetString()!)];
        }

        var orders = new List<Draft>();
        var medications = new List<JsonElement>();
        if (bundle.TryGetProperty("entry", out var entries))
        {
            if (entries.ValueKind != JsonValueKind.Array)
            {
                return (null, "'context.draftOrders.entry' must be an array.");
            }

            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                var at = $"context.draftOrders.entry[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
                {
                    return (null, $"'{at}.resource' must be a FHIR resource.");
                }

                var resourceType = resource.TryGetProperty("resourceType", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
                var id = resource.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                if (resourceType == "Medication")
                {
                    medications.Add(resource);
                    continue;
                }

                if (resourceType != "MedicationRequest" || (selections is not null && (id is null || !selections.Contains($"{resourceType}/{id}"))))
                {
                    continue;
                }

                orders.Add(new Draft(resource, id is null ? $"MedicationRequest at {at}" : $"MedicationRequest/{id}", id));
                if (orders.Count > MaxOrders)
                {
                    return (null, $"More than {MaxOrders} draft MedicationRequests in one call.");
                }
            }
        }

        return (new DraftOrders(patientId, orders, medications), null);
    }
}
