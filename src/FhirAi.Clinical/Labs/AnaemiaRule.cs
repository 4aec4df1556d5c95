using FhirAi.Clinical.Common;

namespace FhirAi.Clinical.Labs;

/// <summary>
/// Anaemia by the WHO 2024 haemoglobin cut-offs (adults and adolescents from 15), classified by MCV; a microcytic anaemia
/// with an RBC count gets the Mentzer index (MCV/RBC: &lt; 13 thalassaemia trait, &gt; 13 iron deficiency). Uses the
/// report's own CBC only (indices from another draw would not describe this one).
/// </summary>
internal static class AnaemiaRule
{
    private static readonly CodedConcept Anaemia = new("http://snomed.info/sct", "271737000", "Anemia (disorder)");

    public static void Evaluate(ReportContext context, List<PatternFinding> findings)
    {
        if (context.Report("hemoglobin") is not { } hb || context.Patient.AgeYears is < 15)
        {
            return;
        }

        var male = context.Patient.Sex == AdministrativeSex.Male;
        var sexKnown = context.Patient.Sex is AdministrativeSex.Male or AdministrativeSex.Female;
        var cutoff = male ? 13.0m : 12.0m;
        if (hb.Value >= cutoff)
        {
            return;
        }

        var evidence = new List<string> { hb.Result.Reference };
        var cutEn = sexKnown ? $"the WHO anaemia cut-off for {(male ? "men" : "women")} ({N(cutoff)} g/dL)" : $"the WHO anaemia cut-off of {N(cutoff)} g/dL (sex not known: the lower, women's cut-off was used)";
        var cutZh = sexKnown ? $"WHO{(male ? "男性" : "女性")}贫血切点（{N(cutoff)} g/dL）" : $"WHO贫血切点 {N(cutoff)} g/dL（性别未知，采用较低的女性切点）";
        var clinicianEn = $"Haemoglobin {FindingText.Q(hb)} is below {cutEn}";
        var clinicianZh = $"血红蛋白 {FindingText.Q(hb)} 低于{cutZh}";
        var patientEn = "Your haemoglobin (the part of blood that carries oxygen) is lower than normal.";
        var patientZh = "您的血红蛋白（血液中携带氧气的成分）低于正常。";
        var keys = new List<string> { "who2024-hb" };
        if (context.Report("mcv") is not { } mcv)
        {
            clinicianEn += "; MCV is not reported, so the anaemia cannot be classified.";
            clinicianZh += "；未报告MCV，无法分类。";
        }
        else
        {
            keys.Add("mcv-classes");
            evidence.Add(mcv.Result.Reference);
            var m = mcv.Value!.Value;
            if (m < 80m)
            {
                clinicianEn += $"; MCV {FindingText.Q(mcv)} suggests microcytic anaemia";
                clinicianZh += $"；MCV {FindingText.Q(mcv)} 提示小细胞性贫血";
                patientEn += " Your red cells are also smaller than usual, which often comes from low iron.";
                patientZh += "您的红细胞也比一般小，这常与缺铁有关。";
                if (context.Report("rbc") is { Value: > 0 } rbc)
                {
                    keys.Add("mentzer1973");
                    evidence.Add(rbc.Result.Reference);
                    var mentzer = m / rbc.Value!.Value;
                    var (en, zh) = mentzer < 13m
                        ? ("< 13) suggests thalassaemia trait rather than iron deficiency; consider haemoglobin electrophoresis and ferritin", "<13）提示地中海贫血特征的可能性大于缺铁；可考虑血红蛋白电泳及铁蛋白检查")
                        : mentzer > 13m
                            ? ("> 13) suggests iron deficiency rather than thalassaemia trait; consider ferritin and iron studies", ">13）提示缺铁的可能性大于地中海贫血特征；可考虑铁蛋白及铁代谢检查")
                            : ("= 13) does not separate iron deficiency from thalassaemia trait", "=13）无法区分缺铁与地中海贫血特征");
                    clinicianEn += $". Mentzer index {N(mentzer)} ({en}.";
                    clinicianZh += $"。Mentzer指数 {N(mentzer)}（{zh}。";
                }
                else
                {
                    clinicianEn += "; no RBC count for the Mentzer index; consider ferritin and iron studies.";
                    clinicianZh += "；无红细胞计数，无法计算Mentzer指数；可考虑铁蛋白及铁代谢检查。";
                }
            }
            else if (m <= 100m)
            {
                clinicianEn += $"; MCV {FindingText.Q(mcv)} suggests normocytic anaemia (consider blood loss, haemolysis, CKD, chronic disease, marrow failure).";
                clinicianZh += $"；MCV {FindingText.Q(mcv)} 提示正细胞性贫血（可考虑失血、溶血、慢性肾病、慢性病或骨髓衰竭）。";
            }
            else
            {
                clinicianEn += $"; MCV {FindingText.Q(mcv)} suggests macrocytic anaemia (consider B12 or folate deficiency, alcohol, liver disease, hypothyroidism, drugs).";
                clinicianZh += $"；MCV {FindingText.Q(mcv)} 提示大细胞性贫血（可考虑维生素B12或叶酸缺乏、饮酒、肝病、甲状腺功能减退或药物）。";
                patientEn += " Your red cells are larger than usual; your doctor may check vitamin B12 and folate.";
                patientZh += "您的红细胞比一般大，医生可能会检查维生素B12和叶酸。";
            }
        }

        findings.Add(FindingText.Finding(
            "anaemia-mcv", FindingSeverity.Warning, Anaemia, evidence, context.Cite([.. keys]),
            clinicianEn, clinicianZh, patientEn + " Please discuss it with your doctor.", patientZh + "请与医生讨论。"));
    }

    private static string N(decimal value) => FindingText.N(value);
}
