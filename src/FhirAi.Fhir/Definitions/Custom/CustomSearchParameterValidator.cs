using System.Text.Json;
using System.Text.RegularExpressions;
using FhirAi.Fhir.FhirPathSupport;
using FhirAi.Fhir.Outcomes;
using FhirAi.FhirPath;

namespace FhirAi.Fhir.Definitions.Custom;

/// <summary>
/// Decides whether a SearchParameter resource can become a custom search parameter of this server: an active
/// parameter needs a new canonical url, a code that no package or other custom parameter of its bases uses,
/// concrete resource types as bases, a supported type, and a FHIRPath expression that compiles (strictly, so
/// a misspelt element is an error, not a parameter that silently never matches) with a branch for every base.
/// Composites need two resolvable components, the first a token, as the index stores them.
/// </summary>
public sealed partial class CustomSearchParameterValidator
{
    /// <summary>Longest expression accepted; the R4 package's longest is about 1,300 characters.</summary>
    public const int MaxExpressionLength = 4000;

    private static readonly HashSet<SearchParamType> CompositeSecondTypes =
        [SearchParamType.Token, SearchParamType.Quantity, SearchParamType.Number, SearchParamType.Date, SearchParamType.String, SearchParamType.Reference, SearchParamType.Uri];

    private readonly FhirDefinitions _definitions;
    private readonly FhirPathCompiler _compiler;

    // Component expressions start from the composite's result, not from a resource, so strict type checking has no root.
    private readonly FhirPathCompiler _relative;

    public CustomSearchParameterValidator(FhirDefinitions definitions, R4FhirPathModel model)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = definitions;
        _compiler = new FhirPathCompiler(model, strict: true);
        _relative = new FhirPathCompiler(model);
    }

    /// <summary>Checks SearchParameter/<paramref name="resourceId"/> (null for a create, whose id is not chosen yet).</summary>
    public CustomSearchParameterCheck Check(JsonElement resource, string? resourceId)
    {
        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("status", out var status) ||
            status.ValueKind != JsonValueKind.String || status.GetString() != "active")
        {
            return new CustomSearchParameterCheck(null, []);
        }

        SearchParameterDefinition definition;
        try
        {
            definition = ConformanceResourceParser.ParseSearchParameter(resource);
        }
        catch (InvalidDataException ex)
        {
            return Refuse(ex.Message, "SearchParameter.type");
        }
        catch (InvalidOperationException)
        {
            return Refuse("The SearchParameter is not well formed (url, code, base, type and expression must be strings).", "SearchParameter");
        }

        var errors = new List<OutcomeIssue>();
        CheckIdentity(definition, resourceId, errors);
        CheckBases(definition, resourceId, errors);
        CheckExpression(definition, errors);
        return new CustomSearchParameterCheck(errors.Count == 0 ? definition : null, errors);
    }

    private void CheckIdentity(SearchParameterDefinition definition, string? resourceId, List<OutcomeIssue> errors)
    {
        if (!Uri.TryCreate(definition.Url, UriKind.Absolute, out _))
        {
            errors.Add(Error(IssueCodes.Required, "An active SearchParameter needs an absolute canonical url.", "SearchParameter.url"));
        }
        else if (_definitions.IsPackageSearchParameterUrl(definition.Url))
        {
            errors.Add(Error(IssueCodes.Conflict, $"'{definition.Url}' is a SearchParameter of the R4 package; a custom one needs its own url.", "SearchParameter.url"));
        }
        else if (_definitions.CustomSearchParameters.Current.Entries.FirstOrDefault(e => e.Definition.Url == definition.Url && e.ResourceId != resourceId) is { } other)
        {
            errors.Add(Error(IssueCodes.Duplicate, $"SearchParameter/{other.ResourceId} already registers '{definition.Url}'.", "SearchParameter.url"));
        }

        if (!CodePattern().IsMatch(definition.Code))
        {
            errors.Add(Error(IssueCodes.Value,
                $"'{definition.Code}' is not a usable search parameter code (a letter, then up to 63 letters, digits, '-' or '_').", "SearchParameter.code"));
        }

        if (definition.Type == SearchParamType.Special)
        {
            errors.Add(Error(IssueCodes.NotSupported, "Special search parameters need code of their own and cannot be defined at run time.", "SearchParameter.type"));
        }
    }

    private void CheckBases(SearchParameterDefinition definition, string? resourceId, List<OutcomeIssue> errors)
    {
        if (definition.Bases.Count == 0)
        {
            errors.Add(Error(IssueCodes.Required, "A SearchParameter needs at least one base resource type.", "SearchParameter.base"));
        }

        for (var i = 0; i < definition.Bases.Count; i++)
        {
            var type = definition.Bases[i];
            if (!_definitions.IsResourceType(type))
            {
                errors.Add(Error(IssueCodes.Value, $"'{type}' is not a concrete R4 resource type.", $"SearchParameter.base[{i}]"));
                continue;
            }

            if (_definitions.GetPackageSearchParameters(type).Any(p => p.Code == definition.Code))
            {
                errors.Add(Error(IssueCodes.Conflict, $"{type} already has the R4 search parameter '{definition.Code}'.", "SearchParameter.code"));
            }
            else if (_definitions.CustomSearchParameters.Current.TryGet(type, definition.Code, out var other) && other.ResourceId != resourceId)
            {
                errors.Add(Error(IssueCodes.Duplicate, $"SearchParameter/{other.ResourceId} already defines '{definition.Code}' on {type}.", "SearchParameter.code"));
            }
        }
    }

    private void CheckExpression(SearchParameterDefinition definition, List<OutcomeIssue> errors)
    {
        if (string.IsNullOrWhiteSpace(definition.Expression))
        {
            errors.Add(Error(IssueCodes.Required, "A custom SearchParameter needs a FHIRPath expression; this server indexes nothing else.", "SearchParameter.expression"));
            return;
        }

        if (definition.Expression.Length > MaxExpressionLength)
        {
            errors.Add(Error(IssueCodes.TooLong, $"The expression is longer than {MaxExpressionLength} characters.", "SearchParameter.expression"));
            return;
        }

        if (!_compiler.TryCompile(definition.Expression, out _, out var error))
        {
            errors.Add(Error(IssueCodes.Invalid, $"The expression does not compile: {error!.Message}", "SearchParameter.expression"));
            return;
        }

        foreach (var type in definition.Bases.Where(_definitions.IsResourceType))
        {
            if (!SearchExpressionSplitter.HasBranchFor(definition.Expression, type))
            {
                errors.Add(Error(IssueCodes.Invalid, $"No branch of the expression applies to the base {type}.", "SearchParameter.expression"));
            }
        }

        if (definition.Type == SearchParamType.Composite)
        {
            CheckComponents(definition, errors);
        }
        else if (definition.Components.Count > 0)
        {
            errors.Add(Error(IssueCodes.Invalid, "Only composite parameters have components.", "SearchParameter.component"));
        }
    }

    private void CheckComponents(SearchParameterDefinition definition, List<OutcomeIssue> errors)
    {
        if (definition.Components.Count != 2)
        {
            errors.Add(Error(IssueCodes.NotSupported, "This server indexes composite parameters of exactly two components.", "SearchParameter.component"));
            return;
        }

        for (var i = 0; i < 2; i++)
        {
            var component = definition.Components[i];
            var where = $"SearchParameter.component[{i}]";
            if (!_definitions.TryGetSearchParameterByUrl(component.Definition, out var componentDefinition))
            {
                errors.Add(Error(IssueCodes.NotFound, $"The component definition '{component.Definition}' is not a known SearchParameter.", where + ".definition"));
                continue;
            }

            var allowed = i == 0 ? componentDefinition.Type == SearchParamType.Token : CompositeSecondTypes.Contains(componentDefinition.Type);
            if (!allowed)
            {
                errors.Add(Error(IssueCodes.NotSupported,
                    i == 0 ? "The first component of a composite must be a token parameter." : $"A {componentDefinition.Type} second component is not indexed.",
                    where + ".definition"));
            }

            if (string.IsNullOrWhiteSpace(component.Expression))
            {
                errors.Add(Error(IssueCodes.Required, "A component needs an expression (relative to the composite's result).", where + ".expression"));
            }
            else if (!_relative.TryCompile(component.Expression, out _, out var error))
            {
                errors.Add(Error(IssueCodes.Invalid, $"The component expression does not compile: {error!.Message}", where + ".expression"));
            }
        }
    }

    private static CustomSearchParameterCheck Refuse(string message, string expression) =>
        new(null, [Error(IssueCodes.Invalid, message, expression)]);

    private static OutcomeIssue Error(string code, string message, string expression) => OutcomeIssue.Error(code, message, expression);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
