using System.Text;
using System.Text.Json;
using FhirAi.CdsHooks.Protocol;
using FhirAi.CdsHooks.Tests.Support;

namespace FhirAi.CdsHooks.Tests.Protocol;

[TestClass]
public sealed class CdsRequestParserTests
{
    private static CdsRequestParser.Result Parse(string json) => CdsRequestParser.Parse(Encoding.UTF8.GetBytes(json));

    [TestMethod]
    public void The_spec_patient_view_example_parses_with_its_token_and_prefetch()
    {
        var result = CdsRequestParser.Parse(File.ReadAllBytes(Path.Combine(TestData.SpecExamples, "spec-2.0.1__02__example.json")));

        Assert.IsNull(result.Error);
        using var request = result.Request!;
        Assert.AreEqual("patient-view", request.Hook);
        Assert.AreEqual("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", request.HookInstance);
        Assert.AreEqual("http://hooks.smarthealthit.org:9080/", request.FhirServer!.AbsoluteUri);
        Assert.AreEqual("some-opaque-fhir-access-token", request.FhirAuthorization!.AccessToken);
        Assert.AreEqual("1288992", request.ContextString("patientId"));
        Assert.AreEqual("Patient", request.Prefetch["patientToGreet"].GetProperty("resourceType").GetString());
    }

    [TestMethod]
    public void A_null_prefetch_value_is_kept_as_null_and_an_absent_key_is_absent()
    {
        using var request = Parse("""{"hook":"patient-view","hookInstance":"x","context":{"patientId":"1"},"prefetch":{"patient":null}}""").Request!;

        Assert.AreEqual(JsonValueKind.Null, request.Prefetch["patient"].ValueKind);
        Assert.IsFalse(request.Prefetch.ContainsKey("observations"));
    }

    [TestMethod]
    [DataRow("""{"hookInstance":"x","context":{}}""", "'hook'")]
    [DataRow("""{"hook":"patient-view","context":{}}""", "'hookInstance'")]
    [DataRow("""{"hook":"patient-view","hookInstance":"x"}""", "'context'")]
    [DataRow("""{"hook":"patient-view","hookInstance":"x","context":[]}""", "'context'")]
    [DataRow("""{"hook":"patient-view","hookInstance":"x","context":{},"fhirServer":"not a url"}""", "'fhirServer'")]
    [DataRow("""{"hook":"patient-view","hookInstance":"x","context":{},"fhirServer":"ftp://x/fhir"}""", "'fhirServer'")]
    [DataRow("""{"hook":"patient-view","hookInstance":"x","context":{},"fhirAuthorization":{"access_token":"t","token_type":"Bearer"}}""", "'fhirServer' is required")]
    [DataRow("""{"hook":"patient-view","hookInstance":"x","context":{},"fhirServer":"https://e/fhir","fhirAuthorization":{"token_type":"Bearer"}}""", "access_token")]
    [DataRow("""{"hook":"patient-view","hookInstance":"x","context":{},"fhirServer":"https://e/fhir","fhirAuthorization":{"access_token":"t","token_type":"MAC"}}""", "token_type")]
    [DataRow("""{"hook":"patient-view","hookInstance":"x","context":{},"prefetch":[]}""", "'prefetch'")]
    [DataRow("""{"hook":"patient-view","hookInstance":"x","context":{},"prefetch":{"p":"Patient/1"}}""", "'prefetch.p'")]
    [DataRow("""[1,2]""", "JSON object")]
    [DataRow("""{"hook":""", "not valid JSON")]
    public void Malformed_requests_are_refused_with_a_message_naming_the_field(string json, string expected)
    {
        var result = Parse(json);

        Assert.IsNull(result.Request);
        StringAssert.Contains(result.Error, expected);
    }

    [TestMethod]
    public void Nesting_beyond_the_limit_is_refused_without_echoing_the_input()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", CdsRequestParser.MaxDepth + 5)) + "1" + new string('}', CdsRequestParser.MaxDepth + 5);

        var result = Parse(deep);

        StringAssert.Contains(result.Error, "not valid JSON");
    }

    [TestMethod]
    public void A_client_chosen_key_in_a_message_is_cut_and_stripped_of_control_characters()
    {
        var key = "evil\n" + new string('k', 100);

        var json = "{\"hook\":\"h\",\"hookInstance\":\"x\",\"context\":{},\"prefetch\":{\"" + key.Replace("\n", "\\n", StringComparison.Ordinal) + "\":1}}";

        var result = Parse(json);

        Assert.IsFalse(result.Error!.Contains('\n', StringComparison.Ordinal));
        Assert.IsTrue(result.Error.Length < 120, result.Error);
    }
}
