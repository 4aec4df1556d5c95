using System.Reflection;
using System.Text.Json.Nodes;

namespace FhirAi.CdsHooks.Tests.Support;

/// <summary>The shared CDS Hooks data (spec examples, CRD test kit, sandbox keys) next to the repository.</summary>
internal static class TestData
{
    public static string Directory { get; } = typeof(TestData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FhirAi.CdsHooksDataDirectory").Value!;

    public static string SpecExamples => Path.Combine(Directory, "spec-examples");

    public static string HookRequests => Path.Combine(Directory, "crd-test-kit", "hook-requests");

    public static string Requirements => Path.Combine(Directory, "crd-test-kit", "requirements", "cds-hooks_2.0_requirements.sheet2.csv");

    public static JsonObject Json(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();
}
