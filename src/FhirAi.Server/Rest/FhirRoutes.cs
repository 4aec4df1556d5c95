using FhirAi.Server.Bundles;
using FhirAi.Server.Http;
using FhirAi.Server.Medications;
using FhirAi.Server.Models;
using FhirAi.Server.Reindex;
using FhirAi.Server.Reports;
using FhirAi.Server.Search;

namespace FhirAi.Server.Rest;

/// <summary>The whole FHIR REST surface in one table.</summary>
internal static class FhirRoutes
{
    public static void MapFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir");

        fhir.MapPost("", (HttpRequest request, BundleHandler bundles, CancellationToken ct) => bundles.ProcessAsync(request, ct));
        fhir.MapGet("", (HttpRequest request, SearchHandler search, CancellationToken ct) => search.SystemSearchAsync(request.Query, request, ct));
        fhir.MapPost("/_search", async (HttpRequest request, SearchHandler search, CancellationToken ct) =>
            !request.HasFormContentType ? FhirError.Of(FhirErrorKind.UnsupportedMediaType, "not-supported", "POST _search takes application/x-www-form-urlencoded.", "Content-Type")
            : await search.SystemSearchAsync(request.Query.Concat(await request.ReadFormAsync(ct).ConfigureAwait(false)), request, ct).ConfigureAwait(false));
        fhir.MapGet("/metadata", (CapabilityStatementBuilder capability) => new JsonBodyResult(capability.Statement));
        fhir.MapPost("/$fhirpath", (HttpRequest request, FhirPathOperation fhirPath, CancellationToken ct) =>
            fhirPath.EvaluateAsync(request, ct));
        fhir.MapGet("/_history", (HttpRequest request, HistoryHandler history, CancellationToken ct) =>
            history.HistoryAsync(null, null, request, ct));
        fhir.MapPost("/$reindex", (HttpRequest request, ReindexEndpoints reindex, CancellationToken ct) => reindex.StartAsync(null, request, ct));
        fhir.MapGet("/$reindex-status/{job}", (string job, HttpRequest request, ReindexEndpoints reindex, CancellationToken ct) => reindex.StatusAsync(job, request, ct));
        fhir.MapGet("/OperationDefinition/reindex", ReindexConformance.OperationDefinitionResult);

        fhir.MapGet("/{type}", (string type, HttpRequest request, ResourceWriteChecks checks, SearchHandler search, CancellationToken ct) =>
            checks.IsKnownType(type) ? search.SearchAsync(type, request.Query, request, ct) : Task.FromResult<IResult>(ResourceWriteChecks.UnknownType(type)));
        fhir.MapPost("/{type}/_search", async (string type, HttpRequest request, ResourceWriteChecks checks, SearchHandler search, CancellationToken ct) =>
            !checks.IsKnownType(type) ? ResourceWriteChecks.UnknownType(type)
            : !request.HasFormContentType ? FhirError.Of(FhirErrorKind.UnsupportedMediaType, "not-supported", "POST _search takes application/x-www-form-urlencoded.", "Content-Type")
            : await search.SearchAsync(type, request.Query.Concat(await request.ReadFormAsync(ct).ConfigureAwait(false)), request, ct).ConfigureAwait(false));
        fhir.MapPost("/{type}", (string type, HttpRequest request, ResourceHandlers handlers, CancellationToken ct) =>
            handlers.CreateAsync(type, request, ct));
        fhir.MapPut("/{type}", (string type, HttpRequest request, ResourceHandlers handlers, CancellationToken ct) =>
            handlers.UpdateAsync(type, null, request, ct));
        fhir.MapDelete("/{type}", (string type, HttpRequest request, ResourceHandlers handlers, CancellationToken ct) =>
            handlers.DeleteAsync(type, null, request, ct));
        fhir.MapPatch("/{type}", (string type, HttpRequest request, PatchHandler patch, CancellationToken ct) =>
            patch.PatchAsync(type, null, request, ct));
        fhir.MapGet("/{type}/_history", (string type, HttpRequest request, HistoryHandler history, CancellationToken ct) =>
            history.HistoryAsync(type, null, request, ct));
        fhir.MapPost("/{type}/$reindex", (string type, HttpRequest request, ReindexEndpoints reindex, CancellationToken ct) => reindex.StartAsync(type, request, ct));
        fhir.MapPost("/{type}/$validate", (string type, HttpRequest request, ValidateOperation validate, CancellationToken ct) =>
            validate.ValidateAsync(type, null, request, ct));

        // Registered models are generated, read-only Library resources (the id constraint keeps /Library/_history on its own route).
        fhir.MapGet("/Library", (HttpRequest request, ModelLibraryEndpoints models, SearchHandler search, CancellationToken ct) => models.SearchAsync(request, search, ct));
        fhir.MapGet("/Library/{id:regex(^[A-Za-z0-9.-]+$)}", (string id, HttpRequest request, ModelLibraryEndpoints models, ResourceHandlers handlers, CancellationToken ct) =>
            models.ReadAsync(id, request, handlers, ct));
        fhir.MapMethods("/Library/{id}", ["PUT", "PATCH", "DELETE"], (string id, HttpRequest request, ModelLibraryEndpoints models, ResourceHandlers handlers, PatchHandler patch, CancellationToken ct) =>
            models.WriteAsync(id, request, handlers, patch, ct));
        fhir.MapGet("/OperationDefinition/Library-evaluate", ModelLibraryEndpoints.EvaluateDefinition);
        fhir.MapGet("/OperationDefinition/Patient-everything", () => new JsonBodyResult(SearchConformance.EverythingDefinition()));
        fhir.MapPost("/Library/{id}/$evaluate", (string id, HttpRequest request, ModelLibraryEndpoints models, CancellationToken ct) => models.EvaluateAsync(id, request, ct));
        fhir.MapGet("/OperationDefinition/MedicationRequest-interpret", MedicationReviewEndpoints.Definition);
        fhir.MapPost("/MedicationRequest/$interpret", (HttpRequest request, MedicationReviewEndpoints review, CancellationToken ct) => review.InterpretAsync(request, ct));
        fhir.MapPost("/MedicationRequest/{id}/$interpret", (string id, HttpRequest request, MedicationReviewEndpoints review, CancellationToken ct) => review.InterpretStoredAsync(id, request, ct));

        // Report interpretation (decision support): a stored report, or one given in a Parameters.
        fhir.MapGet("/OperationDefinition/DiagnosticReport-interpret", InterpretOperation.Definition);
        fhir.MapPost("/DiagnosticReport/$interpret", (HttpRequest request, InterpretOperation interpret, CancellationToken ct) => interpret.InterpretGivenAsync(request, ct));
        fhir.MapPost("/DiagnosticReport/{id}/$interpret", (string id, HttpRequest request, InterpretOperation interpret, CancellationToken ct) =>
            interpret.InterpretStoredAsync(id, request, ct));

        fhir.MapGet("/{type}/{id}", (string type, string id, HttpRequest request, ResourceHandlers handlers, CancellationToken ct) =>
            handlers.ReadAsync(type, id, request, ct));
        fhir.MapPut("/{type}/{id}", (string type, string id, HttpRequest request, ResourceHandlers handlers, CancellationToken ct) =>
            handlers.UpdateAsync(type, id, request, ct));
        fhir.MapPatch("/{type}/{id}", (string type, string id, HttpRequest request, PatchHandler patch, CancellationToken ct) =>
            patch.PatchAsync(type, id, request, ct));
        fhir.MapDelete("/{type}/{id}", (string type, string id, HttpRequest request, ResourceHandlers handlers, CancellationToken ct) =>
            handlers.DeleteAsync(type, id, request, ct));
        fhir.MapGet("/{type}/{id}/_history", (string type, string id, HttpRequest request, HistoryHandler history, CancellationToken ct) =>
            history.HistoryAsync(type, id, request, ct));
        fhir.MapGet("/{type}/{id}/_history/{vid}", (string type, string id, string vid, ResourceHandlers handlers, CancellationToken ct) =>
            handlers.VReadAsync(type, id, vid, ct));
        fhir.MapMethods("/Patient/$everything", ["GET", "POST"], (HttpRequest request, EverythingOperation everything, CancellationToken ct) =>
            everything.RunAsync(null, request, ct));
        fhir.MapMethods("/Patient/{id}/$everything", ["GET", "POST"], (string id, HttpRequest request, EverythingOperation everything, CancellationToken ct) =>
            everything.RunAsync(id, request, ct));
        fhir.MapGet("/{compartment}/{id}/{type}", (string compartment, string id, string type, HttpRequest request, SearchHandler search, CancellationToken ct) =>
            search.CompartmentSearchAsync(compartment, id, type, request, ct));
        fhir.MapPost("/{type}/{id}/$validate", (string type, string id, HttpRequest request, ValidateOperation validate, CancellationToken ct) =>
            validate.ValidateAsync(type, id, request, ct));
    }
}
