using System.Globalization;
using System.Text.Json;
using FhirAi.Clinical.Common;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Clinical.Reports;

/// <summary>Patient JSON → <see cref="PatientSnapshot"/>; tolerant like <see cref="ObservationExtractor"/>.</summary>
public static class PatientExtractor
{
    public const string UsCoreRace = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";

    public static PatientSnapshot Extract(string reference, JsonElement patient, ICollection<OutcomeIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (patient.ValueKind != JsonValueKind.Object || FhirJson.String(patient, "resourceType") != "Patient")
        {
            issues.Add(OutcomeIssue.Warning(IssueCodes.Structure, $"{reference} is not a Patient; age, sex and race are unknown.", "Patient"));
            return PatientSnapshot.Unknown with { Reference = reference };
        }

        var sex = FhirJson.String(patient, "gender") switch
        {
            "male" => AdministrativeSex.Male,
            "female" => AdministrativeSex.Female,
            "other" => AdministrativeSex.Other,
            _ => AdministrativeSex.Unknown,
        };
        DateOnly? birth = null;
        if (FhirJson.String(patient, "birthDate") is { } text)
        {
            // Only a full date gives an age; a year or year-month alone would be a guess of up to a year.
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                birth = date;
            }
            else
            {
                issues.Add(OutcomeIssue.Information(IssueCodes.Value, "Patient.birthDate is not a full date; the age is treated as unknown.", "Patient.birthDate"));
            }
        }

        var race = FhirJson.Array(patient, "extension")
            .Where(e => FhirJson.String(e, "url") == UsCoreRace)
            .SelectMany(e => FhirJson.Array(e, "extension"))
            .Where(e => FhirJson.String(e, "url") == "ombCategory")
            .Select(e => FhirJson.Property(e, "valueCoding") is { } coding ? FhirJson.String(coding, "code") : null)
            .FirstOrDefault(code => code is not null);
        var country = FhirJson.Array(patient, "address").Select(a => FhirJson.String(a, "country")).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));
        return new PatientSnapshot { Reference = reference, Sex = sex, BirthDate = birth, OmbRace = race, Country = country };
    }
}
