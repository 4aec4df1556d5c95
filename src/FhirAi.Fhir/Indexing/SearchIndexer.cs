using System.Collections.Concurrent;
using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Definitions.Custom;
using FhirAi.Fhir.FhirPathSupport;
using FhirAi.FhirPath;
using FhirAi.FhirPath.Values;

namespace FhirAi.Fhir.Indexing;

/// <summary>
/// Extracts the search-index values of a resource: every R4 SearchParameter of its type, evaluated by
/// its compiled FHIRPath expression, each result converted by the parameter's type. Expressions are
/// compiled once per resource type on first use; the indexer is a thread-safe singleton. Registered custom
/// SearchParameters are indexed too, from the moment they are registered: their compiled form is cached per
/// snapshot of the registry and rebuilt when the registry changes. The narrative's words are indexed for <c>_text</c>.
/// </summary>
public sealed class SearchIndexer
{
    private readonly FhirDefinitions _definitions;
    private readonly FhirPathCompiler _compiler;
    private readonly FhirPathEvaluationOptions _options;
    private readonly ConcurrentDictionary<string, CompiledParameter[]> _byType = new(StringComparer.Ordinal);
    private volatile CustomCache _custom = new(CustomSearchParameterSet.Empty);

    public SearchIndexer(FhirDefinitions definitions, R4FhirPathModel model)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = definitions;
        _compiler = new FhirPathCompiler(model);
        _options = new FhirPathEvaluationOptions { ResolveToPlaceholders = true };
    }

    /// <summary>The parameters indexed for a type (those with an expression that compiles and a type we store).</summary>
    public IReadOnlyList<SearchParameterDefinition> IndexedParameters(string resourceType) =>
        ParametersOf(resourceType).Select(p => p.Definition).ToList();

    public IndexedValues Extract(string resourceType, JsonElement resource)
    {
        var sink = new IndexSink();
        // Wrapped once for all parameters rather than once per expression.
        var root = FhirPathValue.FromResource(resource);
        foreach (var parameter in ParametersOf(resourceType))
        {
            IReadOnlyList<FhirPathValue> values;
            try
            {
                values = parameter.Expression.Evaluate(root, _options);
            }
            catch (FhirPathException)
            {
                // A definition expression that cannot evaluate on this resource indexes nothing for it;
                // it must never make a valid write fail.
                continue;
            }

            if (values.Count == 0)
            {
                continue;
            }

            if (parameter.Definition.Type == SearchParamType.Composite)
            {
                AddComposite(sink, parameter, values);
                continue;
            }

            foreach (var value in values)
            {
                IndexValueConverter.Add(sink, parameter.Definition.Code, parameter.Definition.Type, value);
            }
        }

        NarrativeWords.Add(sink, resource);
        return sink.ToIndexedValues();
    }

    private void AddComposite(IndexSink sink, CompiledParameter parameter, IReadOnlyList<FhirPathValue> roots)
    {
        foreach (var root in roots)
        {
            // Each component is evaluated relative to one root node; every combination of their values is one row.
            var first = ComponentValues(parameter.Components[0], root);
            var second = parameter.Components.Length > 1 ? ComponentValues(parameter.Components[1], root) : [new ComponentValue()];
            foreach (var a in first)
            {
                foreach (var b in second)
                {
                    sink.Composites.Add(new CompositeIndexValue(parameter.Definition.Code, a.System, a.Code, b.System, b.Code, b.Number, b.Low, b.High, b.Text));
                }
            }
        }
    }

    private List<ComponentValue> ComponentValues((CompiledFhirPath Expression, SearchParamType Type) component, FhirPathValue root)
    {
        var result = new List<ComponentValue>();
        foreach (var value in component.Expression.Evaluate(root, _options))
        {
            var probe = new IndexSink();
            IndexValueConverter.Add(probe, string.Empty, component.Type, value);
            result.AddRange(probe.Tokens.Select(t => new ComponentValue { System = t.System, Code = t.Code }));
            result.AddRange(probe.Quantities.Select(q => new ComponentValue { System = q.System, Code = q.Unit, Number = q.Value }));
            result.AddRange(probe.Numbers.Select(n => new ComponentValue { Number = n.Value }));
            result.AddRange(probe.Dates.Select(d => new ComponentValue { Low = d.LowMicros, High = d.HighMicros }));
            result.AddRange(probe.Strings.Select(s => new ComponentValue { Text = s.Normalized }));
            result.AddRange(probe.References.Select(r => new ComponentValue { Text = r.TargetType is null ? r.Url : $"{r.TargetType}/{r.TargetId}" }));
            result.AddRange(probe.Uris.Select(u => new ComponentValue { Text = u.Uri }));
        }

        return result;
    }

    private CompiledParameter[] ParametersOf(string resourceType)
    {
        var package = _byType.GetOrAdd(resourceType, type => Compile(type, _definitions.GetPackageSearchParameters(type)));
        var snapshot = _definitions.CustomSearchParameters.Current;
        if (snapshot.Entries.Count == 0)
        {
            return package;
        }

        var cache = _custom;
        if (!ReferenceEquals(cache.Snapshot, snapshot))
        {
            cache = new CustomCache(snapshot);
            _custom = cache;
        }

        return cache.ByType.GetOrAdd(resourceType, type => [.. package, .. Compile(type, snapshot.Indexed(type))]);
    }

    private CompiledParameter[] Compile(string resourceType, IReadOnlyList<SearchParameterDefinition> definitions)
    {
        var compiled = new List<CompiledParameter>();
        foreach (var definition in definitions)
        {
            // _id is answered from the resources table's own key; an index row per resource would only cost writes.
            if (definition.Type == SearchParamType.Special || definition.Code == "_id" || definition.ExpressionFor(resourceType) is not { } expression ||
                !_compiler.TryCompile(expression, out var path, out _))
            {
                continue;
            }

            var components = new List<(CompiledFhirPath, SearchParamType)>();
            if (definition.Type == SearchParamType.Composite && !TryCompileComponents(definition, components))
            {
                continue;
            }

            compiled.Add(new CompiledParameter(definition, path!, [.. components]));
        }

        return [.. compiled];
    }

    private bool TryCompileComponents(SearchParameterDefinition definition, List<(CompiledFhirPath, SearchParamType)> components)
    {
        foreach (var component in definition.Components)
        {
            if (!_definitions.TryGetSearchParameterByUrl(component.Definition, out var componentDefinition) ||
                !_compiler.TryCompile(WithoutKnownErrata(component.Expression), out var path, out _))
            {
                return false;
            }

            components.Add((path!, componentDefinition.Type));
        }

        return components.Count is 1 or 2;
    }

    /// <summary>
    /// R4's Observation code-value-date component says <c>value.as(DateTime)</c>, the FHIRPath system type, which no
    /// FHIR <c>dateTime</c> element is; every other date parameter of R4 writes <c>dateTime</c>, as meant here too.
    /// </summary>
    private static string WithoutKnownErrata(string expression) =>
        expression.Replace("as(DateTime)", "as(dateTime)", StringComparison.Ordinal);

    private sealed record CompiledParameter(
        SearchParameterDefinition Definition,
        CompiledFhirPath Expression,
        (CompiledFhirPath Expression, SearchParamType Type)[] Components);

    /// <summary>Package and custom parameters per type, compiled for one snapshot of the custom registry.</summary>
    private sealed class CustomCache(CustomSearchParameterSet snapshot)
    {
        public CustomSearchParameterSet Snapshot { get; } = snapshot;

        public ConcurrentDictionary<string, CompiledParameter[]> ByType { get; } = new(StringComparer.Ordinal);
    }

    private readonly record struct ComponentValue(string? System, string? Code, decimal? Number, long? Low, long? High, string? Text);
}
