using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// Chooses the range a value is judged against: the Observation's own referenceRange (converted to the canonical unit)
/// wins; otherwise the knowledge base's interval for the patient's sex and age. Where only sex-specific intervals exist
/// and the sex is unknown or other, the widest envelope of them is used, so no value is flagged that either sex's
/// interval would accept. Among matching intervals a sex-specific one beats a general one, and one with an age band
/// beats one without.
/// </summary>
internal static class RangeSelector
{
    public static AppliedRange? Select(LabTest test, LabResult result, PatientFacts patient)
    {
        if (FromObservation(test, result) is { } observed)
        {
            return observed;
        }

        var byAge = test.ReferenceIntervals.Where(i => AgeMatches(i, patient.AgeYears)).ToList();
        var sexSpecific = byAge.Where(i => i.Sex == patient.Sex).OrderByDescending(HasAgeBand).ToList();
        if (sexSpecific.Count > 0)
        {
            return Applied(sexSpecific[0]);
        }

        var general = byAge.Where(i => i.Sex is null).OrderByDescending(HasAgeBand).ToList();
        if (general.Count > 0)
        {
            return Applied(general[0]);
        }

        if (byAge.Count == 0 || patient.Sex is AdministrativeSex.Male or AdministrativeSex.Female)
        {
            return null;
        }

        var low = byAge.All(i => i.Low is not null) ? byAge.Min(i => i.Low) : null;
        var high = byAge.All(i => i.High is not null) ? byAge.Max(i => i.High) : null;
        return low is null && high is null ? null : new AppliedRange(low, high, RangeSource.KnowledgeBase, byAge[0].Citation);
    }

    private static AppliedRange? FromObservation(LabTest test, LabResult result)
    {
        if (result.Range is not { } range || (range.Low is null && range.High is null))
        {
            return null;
        }

        var unit = range.Unit ?? result.Unit;
        var factor = LabUnits.FactorOf(test, unit);
        return factor is null ? null : new AppliedRange(range.Low * factor, range.High * factor, RangeSource.Observation, null);
    }

    private static bool HasAgeBand(ReferenceInterval interval) => interval.AgeMin is not null || interval.AgeMax is not null;

    private static bool AgeMatches(ReferenceInterval interval, int? age) =>
        (interval.AgeMin is null && interval.AgeMax is null)
        || (age is { } years && (interval.AgeMin is null || years >= interval.AgeMin) && (interval.AgeMax is null || years <= interval.AgeMax));

    private static AppliedRange Applied(ReferenceInterval interval) => new(interval.Low, interval.High, RangeSource.KnowledgeBase, interval.Citation);
}
