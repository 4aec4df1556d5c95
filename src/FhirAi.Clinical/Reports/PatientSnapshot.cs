using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// What the interpretation reads from a Patient: sex, birth date, the OMB race category of the us-core-race extension,
/// and the country of the first address. Null members were absent or unusable.
/// </summary>
public sealed record PatientSnapshot
{
    public static PatientSnapshot Unknown { get; } = new() { Reference = null, Sex = AdministrativeSex.Unknown };

    public required string? Reference { get; init; }

    public required AdministrativeSex Sex { get; init; }

    public DateOnly? BirthDate { get; init; }

    /// <summary>The ombCategory code of us-core-race (urn:oid:2.16.840.1.113883.6.238), e.g. 2054-5.</summary>
    public string? OmbRace { get; init; }

    public string? Country { get; init; }

    /// <summary>Completed years at <paramref name="at"/>, or null without a full birth date.</summary>
    public int? AgeAt(DateTimeOffset at)
    {
        if (BirthDate is not { } birth)
        {
            return null;
        }

        var date = DateOnly.FromDateTime(at.UtcDateTime);
        var age = date.Year - birth.Year;
        if (date < birth.AddYears(age))
        {
            age--;
        }

        return age < 0 ? null : age;
    }
}
