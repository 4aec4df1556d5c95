using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Clinical.Medications;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>
/// MedicationRequest / MedicationStatement JSON → <see cref="MedicationEntry"/>: the medication's codings (from
/// medicationCodeableConcept, or from the Medication a medicationReference points at, contained or resolved by
/// the caller), its text, and the first dosage instruction's dose and times per day. Tolerant: whatever real data
/// lacks is left empty, never an exception.
/// </summary>
public static class MedicationEntryReader
{
    /// <summary>Reads one order or statement; <paramref name="resolveMedication"/> looks up a non-contained Medication reference.</summary>
    public static MedicationEntry Read(JsonElement resource, string reference, Func<string, JsonElement?>? resolveMedication = null)
    {
        var (codes, text) = MedicationOf(resource, resolveMedication);
        return new MedicationEntry
        {
            Reference = reference,
            Codes = codes,
            Text = text,
            Dose = DoseReader.Read(resource),
        };
    }

    /// <summary>The medicationReference of an order that is not contained (e.g. <c>Medication/12</c>), which the caller must resolve.</summary>
    public static string? ExternalMedicationReference(JsonElement resource) =>
        JsonRead.Property(resource, "medicationReference") is { } medication && JsonRead.String(medication, "reference") is { } reference
            && !reference.StartsWith('#')
            ? reference
            : null;

    /// <summary>
    /// True for a MedicationRequest that is active or on hold, or a MedicationStatement that is active or intended
    /// (the statuses under which a medication is still being taken or about to be).
    /// </summary>
    public static bool IsCurrent(JsonElement resource) =>
        (JsonRead.String(resource, "resourceType"), JsonRead.String(resource, "status")) switch
        {
            ("MedicationRequest", "active" or "on-hold") => true,
            ("MedicationStatement", "active" or "intended") => true,
            _ => false,
        };

    /// <summary>The subject reference of an order or statement (e.g. <c>Patient/7</c>), if any.</summary>
    public static string? SubjectReference(JsonElement resource) =>
        JsonRead.Property(resource, "subject") is { } subject ? JsonRead.String(subject, "reference") : null;

    private static (IReadOnlyList<CodedConcept> Codes, string? Text) MedicationOf(JsonElement resource, Func<string, JsonElement?>? resolveMedication)
    {
        if (JsonRead.Property(resource, "medicationCodeableConcept") is { } concept)
        {
            return (CodesOf(concept), TextOf(concept));
        }

        if (JsonRead.Property(resource, "medicationReference") is not { } medicationReference)
        {
            return ([], null);
        }

        var target = JsonRead.String(medicationReference, "reference");
        var medication = target switch
        {
            null => null,
            _ when target.StartsWith('#') => Contained(resource, target[1..]),
            _ => resolveMedication?.Invoke(target),
        };
        if (medication is not { } found)
        {
            return ([], JsonRead.String(medicationReference, "display"));
        }

        var codes = new List<CodedConcept>();
        string? text = null;
        if (JsonRead.Property(found, "code") is { } code)
        {
            codes.AddRange(CodesOf(code));
            text = TextOf(code);
        }

        foreach (var ingredient in JsonRead.Array(found, "ingredient"))
        {
            if (JsonRead.Property(ingredient, "itemCodeableConcept") is { } item)
            {
                codes.AddRange(CodesOf(item));
                text ??= TextOf(item);
            }
        }

        return (codes, text ?? JsonRead.String(medicationReference, "display"));
    }

    private static JsonElement? Contained(JsonElement resource, string id) =>
        JsonRead.Array(resource, "contained")
            .Where(contained => JsonRead.String(contained, "resourceType") == "Medication" && JsonRead.String(contained, "id") == id)
            .Select(contained => (JsonElement?)contained)
            .FirstOrDefault();

    internal static IReadOnlyList<CodedConcept> CodesOf(JsonElement concept) =>
        [.. JsonRead.Codings(concept).Select(c => new CodedConcept(c.System, c.Code, c.Display))];

    internal static string? TextOf(JsonElement concept) =>
        JsonRead.String(concept, "text") is { Length: > 0 } text ? text : JsonRead.Codings(concept).Select(c => c.Display).FirstOrDefault(d => d is not null);
}
