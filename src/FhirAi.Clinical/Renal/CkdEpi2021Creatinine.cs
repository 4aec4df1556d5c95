using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Renal;

/// <summary>
/// CKD-EPI 2021 race-free creatinine equation (Inker LA et al., N Engl J Med 2021;385:1737–1749), in C# so that
/// report interpretation and medication review have eGFR even when the ONNX Runtime is unavailable; the
/// <c>ckdepi2021-cr</c> model computes the same equation and the tests hold both to the same published examples.
/// </summary>
public static class CkdEpi2021Creatinine
{
    public static readonly Citation Source = new(
        "Inker LA et al. New creatinine- and cystatin C-based equations to estimate GFR without race. N Engl J Med 2021;385:1737-1749.",
        "https://doi.org/10.1056/NEJMoa2102953");

    /// <summary>Micromoles per litre in one mg/dL of creatinine (molar mass 113.12 g/mol).</summary>
    public const double MicromolPerLitrePerMgDl = 88.42;

    /// <summary>eGFR in mL/min/1.73 m², or null where the equation does not apply (under 18, sex not male/female, creatinine ≤ 0).</summary>
    public static double? Egfr(double creatinineMgDl, double ageYears, AdministrativeSex sex)
    {
        if (creatinineMgDl <= 0 || double.IsNaN(creatinineMgDl) || ageYears < 18 || sex is not (AdministrativeSex.Male or AdministrativeSex.Female))
        {
            return null;
        }

        var female = sex == AdministrativeSex.Female;
        var kappa = female ? 0.7 : 0.9;
        var alpha = female ? -0.241 : -0.302;
        var ratio = creatinineMgDl / kappa;
        return 142.0
            * Math.Pow(Math.Min(ratio, 1.0), alpha)
            * Math.Pow(Math.Max(ratio, 1.0), -1.200)
            * Math.Pow(0.9938, ageYears)
            * (female ? 1.012 : 1.0);
    }
}
