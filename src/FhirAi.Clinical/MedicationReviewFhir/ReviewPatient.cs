using System.Globalization;
using System.Text.Json;
using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.MedicationReviewFhir;

/// <summary>What the review needs of the Patient: its reference, birth date, age now and administrative sex.</summary>
public sealed record ReviewPatient(string Reference, DateOnly? BirthDate, int? AgeYears, AdministrativeSex Sex)
{
    /// <summary>
    /// Reads Patient.birthDate and gender. The age is in whole years at <paramref name="now"/> (from a
    /// <see cref="TimeProvider"/>); a birth date of only a year or year-month counts from its first day.
    /// </summary>
    public static ReviewPatient Read(JsonElement patient, string reference, DateTimeOffset now)
    {
        var birthDate = BirthDateOf(patient);
        var sex = JsonRead.String(patient, "gender") switch
        {
            "male" => AdministrativeSex.Male,
            "female" => AdministrativeSex.Female,
            "other" => AdministrativeSex.Other,
            _ => AdministrativeSex.Unknown,
        };
        return new ReviewPatient(reference, birthDate, birthDate is { } born ? AgeAt(born, now) : null, sex);
    }

    /// <summary>Whole years between the birth date and the instant's UTC date; null before the birth date.</summary>
    public static int? AgeAt(DateOnly birthDate, DateTimeOffset instant)
    {
        var today = DateOnly.FromDateTime(instant.UtcDateTime);
        var age = today.Year - birthDate.Year;
        if (today < birthDate.AddYears(age))
        {
            age--;
        }

        return age < 0 ? null : age;
    }

    private static DateOnly? BirthDateOf(JsonElement patient)
    {
        var text = JsonRead.String(patient, "birthDate");
        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return text is not null && DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}
