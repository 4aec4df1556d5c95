using System.Globalization;
using System.Text.RegularExpressions;
using FhirAi.Clinical.Labs;
using FhirAi.Clinical.Renal;
using FhirAi.Inference;

namespace FhirAi.Clinical.Reports;

/// <summary>
/// Runs every registered model whose inputs the record can supply. Inputs are found from each manifest: an input with a
/// binding is the latest Observation of its LOINC codes (widened to every LOINC code of the same analyte in the lab
/// knowledge base, components of panels included) within the binding's look-back; age, sex, race, region, smoker,
/// diabetes, bp_treated and statin come from the Patient, Conditions, MedicationRequests and the smoking-status
/// Observation. A model with an input of any other kind (e.g. chf) is not applicable to report interpretation.
/// </summary>
internal sealed partial class RiskModelRunner(ModelRegistry registry, LabKnowledgeBase knowledge, Medications.DrugKnowledgeBase? drugs = null)
{
    private const string EgfrLoinc = "98979-8";
    private const string CreatinineLoinc = "2160-0";
    private static readonly TimeSpan DefaultLookBack = TimeSpan.FromDays(366);

    private static readonly HashSet<string> RecordInputs = new(StringComparer.Ordinal)
    {
        "age_y", "sex", "race", "region", "smoker", "diabetes", "bp_treated", "statin",
    };

    public IReadOnlyList<RiskRun> Run(RecordIndex record, PatientSnapshot patient, DateTimeOffset asOf)
    {
        var runs = new List<RiskRun>();
        foreach (var model in registry.Models)
        {
            var description = model.Description;
            if (!description.Inputs.All(i => RecordInputs.Contains(i.Name) || i.Binding is { Codes.Count: > 0 }))
            {
                continue;
            }

            var inputs = new List<ResolvedInput>();
            var missing = new List<ModelInput>();
            foreach (var input in description.Inputs)
            {
                if (Resolve(input, record, patient, asOf) is { } resolved)
                {
                    inputs.Add(resolved);
                }
                else
                {
                    missing.Add(input);
                }
            }

            if (missing.Count > 0)
            {
                runs.Add(new RiskRun { Model = description, Status = RiskRunStatus.MissingInputs, Inputs = inputs, Missing = missing });
                continue;
            }

            var result = model.Evaluate(inputs.ToDictionary(i => i.Name, i => i.Value, StringComparer.Ordinal));
            if (result.Succeeded && result.Outputs.Values.All(double.IsFinite))
            {
                runs.Add(new RiskRun { Model = description, Status = RiskRunStatus.Ran, Outputs = result.Outputs, Inputs = inputs });
            }
            else
            {
                var unavailable = result.Issues.Any(i => i.Input == "*");
                runs.Add(new RiskRun
                {
                    Model = description,
                    Status = unavailable ? RiskRunStatus.Unavailable : RiskRunStatus.Rejected,
                    Inputs = inputs,
                    Problems = result.Succeeded ? ["no finite output"] : [.. result.Issues.Select(i => i.Input == "*" ? i.Message : $"{i.Input}: {i.Message}")],
                });
            }
        }

        return runs;
    }

    private ResolvedInput? Resolve(ModelInput input, RecordIndex record, PatientSnapshot patient, DateTimeOffset asOf)
    {
        var notBefore = asOf - LookBack(input.Binding?.LookBack);
        var patientSource = patient.Reference is null ? [] : new[] { patient.Reference };
        switch (input.Name)
        {
            case "age_y":
                return patient.AgeAt(asOf) is { } age ? new ResolvedInput(input.Name, InputValue.Of(age), patientSource) : null;
            case "sex":
                return patient.Sex switch
                {
                    Common.AdministrativeSex.Male => new ResolvedInput(input.Name, InputValue.Of("male"), patientSource),
                    Common.AdministrativeSex.Female => new ResolvedInput(input.Name, InputValue.Of("female"), patientSource),
                    _ => null,
                };
            case "race":
                return patient.OmbRace switch
                {
                    RecordCodeSets.OmbRaceBlack => new ResolvedInput(input.Name, InputValue.Of("african-american"), patientSource),
                    { } other when RecordCodeSets.OmbRaceOther.Contains(other) =>
                        new ResolvedInput(input.Name, InputValue.Of("white"), patientSource, $"OMB race category {other}: the model's white coefficients are used for races other than African American."),
                    _ => null,
                };
            case "region":
                return patient.Country?.Trim().ToUpperInvariant() switch
                {
                    null or "" => null,
                    "US" or "USA" or "UNITED STATES" or "CA" or "CAN" or "CANADA" => new ResolvedInput(input.Name, InputValue.Of("north-american"), patientSource, $"address country {patient.Country}"),
                    _ => new ResolvedInput(input.Name, InputValue.Of("non-north-american"), patientSource, $"address country {patient.Country}"),
                };
            case "smoker":
                var (smoker, smokingSource) = RecordFacts.Smoker(record, asOf, notBefore);
                return smoker is { } s ? new ResolvedInput(input.Name, InputValue.Of(s), [smokingSource!]) : null;
            case "diabetes":
                var diabetes = RecordFacts.DiabetesConditions(record, asOf);
                return new ResolvedInput(input.Name, InputValue.Of(diabetes.Count > 0), diabetes, diabetes.Count > 0 ? null : "no diabetes Condition in the record");
            case "bp_treated":
                return Medication(input.Name, RecordFacts.ActiveMedications(record, asOf, RecordCodeSets.AntihypertensiveAtcPrefixes, RecordCodeSets.AntihypertensiveIngredients, drugs), "antihypertensive");
            case "statin":
                return Medication(input.Name, RecordFacts.ActiveMedications(record, asOf, RecordCodeSets.StatinAtcPrefixes, RecordCodeSets.StatinIngredients, drugs), "statin");
        }

        var codes = BindingCodes(input);
        var latest = record.Latest(codes, asOf, notBefore, r => r.Value is not null);
        if (latest is not null)
        {
            return new ResolvedInput(input.Name, InputValue.Of((double)latest.Value!.Value, latest.Unit), [latest.Reference]);
        }

        return codes.Contains(EgfrLoinc) ? ComputedEgfr(input, record, patient, asOf, notBefore) : null;
    }

    /// <summary>The binding's LOINC codes, widened to every code the lab knowledge base lists for the same analyte.</summary>
    private List<string> BindingCodes(ModelInput input)
    {
        var codes = new List<string>();
        foreach (var binding in input.Binding?.Codes ?? [])
        {
            var parts = binding.Split('|');
            if (parts.Length != 2 || parts[0] != FhirJson.Loinc)
            {
                continue;
            }

            codes.Add(parts[1]);
            if (knowledge.Find(parts[1]) is { } test)
            {
                codes.AddRange(test.LoincCodes);
            }
        }

        return codes;
    }

    /// <summary>eGFR absent: CKD-EPI 2021 from the latest creatinine, age and sex, saying so.</summary>
    private ResolvedInput? ComputedEgfr(ModelInput input, RecordIndex record, PatientSnapshot patient, DateTimeOffset asOf, DateTimeOffset notBefore)
    {
        var creatinineCodes = knowledge.Find(CreatinineLoinc)?.LoincCodes ?? [CreatinineLoinc];
        var creatinine = record.Latest(creatinineCodes.Append(CreatinineLoinc), asOf, notBefore, r => r.Value is not null);
        if (creatinine is null || patient.AgeAt(asOf) is not { } age || CreatinineMgDl(creatinine) is not { } mgDl)
        {
            return null;
        }

        var egfr = CkdEpi2021Creatinine.Egfr((double)mgDl, age, patient.Sex);
        if (egfr is null)
        {
            return null;
        }

        var sources = patient.Reference is null ? new[] { creatinine.Reference } : [creatinine.Reference, patient.Reference];
        return new ResolvedInput(input.Name, InputValue.Of(egfr.Value, "mL/min/{1.73_m2}"), sources,
            string.Create(CultureInfo.InvariantCulture, $"computed with CKD-EPI 2021 from creatinine {mgDl:0.##} mg/dL, age {age}, sex ({CkdEpi2021Creatinine.Source.Text})"));
    }

    private static decimal? CreatinineMgDl(LabResult creatinine) => creatinine.Unit switch
    {
        "mg/dL" => creatinine.Value,
        "umol/L" or "µmol/L" => creatinine.Value / (decimal)CkdEpi2021Creatinine.MicromolPerLitrePerMgDl,
        _ => null,
    };

    private static ResolvedInput Medication(string name, IReadOnlyList<string> requests, string drugClass) =>
        new(name, InputValue.Of(requests.Count > 0), requests, requests.Count > 0 ? null : $"no active {drugClass} MedicationRequest in the record");

    /// <summary>An ISO 8601 duration of one unit (P1Y, P6M, P2W, P30D); a year counts 366 days so that the same date a year ago is inside.</summary>
    internal static TimeSpan LookBack(string? duration)
    {
        if (duration is null || LookBackPattern().Match(duration) is not { Success: true } match)
        {
            return DefaultLookBack;
        }

        var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "Y" => TimeSpan.FromDays(366 * count),
            "M" => TimeSpan.FromDays(31 * count),
            "W" => TimeSpan.FromDays(7 * count),
            _ => TimeSpan.FromDays(count),
        };
    }

    [GeneratedRegex("^P([0-9]{1,4})([YMWD])$")]
    private static partial Regex LookBackPattern();
}
