using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Search;

namespace FhirAi.Fhir.Tests.Search;

/// <summary>
/// How chained, <c>_has</c> and include parameters are read against the R4 SearchParameters. Expected target
/// types come from the R4 definitions: Observation.subject → Group | Device | Patient | Location, of which only
/// Patient and Location have a 'name' parameter.
/// </summary>
[TestClass]
public sealed class JoinParsingTests
{
    private static readonly SearchCriteriaParser Parser = new(SharedDefinitions.Instance);

    private static SearchCriteriaParseResult Parse(string type, string name, string value = "x") =>
        Parser.Parse(type, [new KeyValuePair<string, string>(name, value)]);

    [TestMethod]
    public void A_chain_without_type_modifier_fans_out_to_the_targets_that_have_the_parameter()
    {
        var parsed = Parse("Observation", "subject.name", "peter");
        Assert.AreEqual(0, parsed.Issues.Count);
        var joins = parsed.Criteria.Single().Joins!;
        CollectionAssert.AreEquivalent(new[] { "Patient", "Location" }, joins.Select(j => j.Steps.Single().TargetType).ToList());
        Assert.IsTrue(joins.All(j => j.Leaf is { Parameter: "name", Type: SearchParamType.String } && j.Leaf.Values.SequenceEqual(["peter"])));
        Assert.IsTrue(joins.All(j => j.Steps[0] is { SourceType: "Observation", Parameter: "subject", Reverse: false }));
    }

    [TestMethod]
    public void A_type_modifier_keeps_one_target_and_the_leaf_keeps_its_modifier()
    {
        var joins = Parse("Observation", "subject:Patient.organization:Organization.name:exact", "Acme").Criteria.Single().Joins!;
        var join = joins.Single();
        Assert.AreEqual("Observation.subject→Patient, Patient.organization→Organization",
            string.Join(", ", join.Steps.Select(s => $"{s.SourceType}.{s.Parameter}→{s.TargetType}")));
        Assert.AreEqual("exact", join.Leaf.Modifier);
    }

    [TestMethod]
    public void Has_walks_the_reference_backwards_and_nests()
    {
        var join = Parse("Patient", "_has:Observation:patient:_has:Provenance:target:agent", "Practitioner/1").Criteria.Single().Joins!.Single();
        Assert.AreEqual(2, join.Steps.Count);
        Assert.AreEqual(new JoinStep("Observation", "patient", "Patient", Reverse: true), join.Steps[0]);
        Assert.AreEqual(new JoinStep("Provenance", "target", "Observation", Reverse: true), join.Steps[1]);
        Assert.AreEqual("Observation", join.Steps[0].ToType);
        Assert.AreEqual(SearchParamType.Reference, join.Leaf.Type);
        Assert.AreEqual("agent", join.Leaf.Parameter);
    }

    [TestMethod]
    [DataRow("Observation", "subject.nonsense")]
    [DataRow("Observation", "code.name")]
    [DataRow("Observation", "subject:Medication.name")]
    [DataRow("Observation", "subject:Patient.name._sort")]
    [DataRow("Observation", "subject:Patient._include")]
    [DataRow("Patient", "_has:Observation:code:status")]
    [DataRow("Patient", "_has:Observation:patient")]
    [DataRow("Patient", "_has")]
    [DataRow("Organization", "_has:Observation:patient:code")]
    [DataRow("Observation", "patient.organization.partof.partof.partof.name")]
    public void Bad_joins_become_issues_naming_the_parameter(string type, string name)
    {
        var parsed = Parse(type, name);
        Assert.AreEqual(0, parsed.Criteria.Count);
        Assert.AreEqual(name, parsed.Issues.Single().Expression);
    }

    [TestMethod]
    public void Fan_out_over_many_target_types_is_bounded()
    {
        // Provenance.target may point at any of ~150 types, each of which has _id: too many alternatives.
        var parsed = Parse("Provenance", "target._id");
        Assert.AreEqual(0, parsed.Criteria.Count);
        StringAssert.Contains(parsed.Issues.Single().Diagnostics, "type");
        var narrowed = Parse("Provenance", "target:Patient._id");
        Assert.AreEqual(1, narrowed.Criteria.Single().Joins!.Count);
    }

    [TestMethod]
    public void Include_values_are_read_with_wildcards_target_types_and_iterate()
    {
        var parsed = Parser.Parse("Observation",
        [
            new("_include", "Observation:subject:Patient"),
            new("_include:iterate", "Patient:organization"),
            new("_include", "Observation:*"),
            new("_include", "*"),
            new("_revinclude", "Provenance:target"),
            new("_revinclude:iterate", "Observation:*:Patient"),
        ]);
        Assert.AreEqual(0, parsed.Issues.Count, string.Join("; ", parsed.Issues.Select(i => i.Diagnostics)));
        CollectionAssert.AreEqual(new[]
        {
            new IncludeDirective(false, false, "Observation", "subject", "Patient"),
            new IncludeDirective(false, true, "Patient", "organization", null),
            new IncludeDirective(false, false, "Observation", null, null),
            new IncludeDirective(false, false, null, null, null),
            new IncludeDirective(true, false, "Provenance", "target", null),
            new IncludeDirective(true, true, "Observation", null, "Patient"),
        }, parsed.Includes.ToList());
    }

    [TestMethod]
    public void Capability_lists_include_and_revinclude_values_from_the_definitions()
    {
        CollectionAssert.Contains(Parser.SupportedIncludes("Observation").ToList(), "Observation:subject");
        CollectionAssert.DoesNotContain(Parser.SupportedIncludes("Observation").ToList(), "Observation:code");
        CollectionAssert.Contains(Parser.SupportedRevIncludes("Patient").ToList(), "Observation:subject");
        CollectionAssert.DoesNotContain(Parser.SupportedRevIncludes("Patient").ToList(), "Observation:encounter");
    }
}
