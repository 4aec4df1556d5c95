using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using FhirAi.Fhir.Definitions.Custom;

namespace FhirAi.Fhir.Definitions;

/// <summary>
/// The R4 definitions from the official package: base types with their snapshot elements, search
/// parameters, compartments and terminology. Immutable after <see cref="Load"/> (terminology fills its
/// caches lazily and thread-safely); register one instance as a singleton. Custom SearchParameters written
/// at run time live in <see cref="CustomSearchParameters"/>, an atomically swapped snapshot: the search-parameter
/// lookups below answer the package's parameters plus the custom ones that are searchable.
/// </summary>
public sealed class FhirDefinitions
{
    private static readonly string[] ResourceLevelBases = ["Resource", "DomainResource"];

    private readonly Dictionary<string, TypeDefinition> typesByName;
    private readonly Dictionary<string, SearchParameterDefinition[]> searchParametersByBase;
    private readonly Dictionary<string, Dictionary<string, SearchParameterDefinition>> searchParametersByCode;
    private readonly Dictionary<string, SearchParameterDefinition> searchParametersByUrl;
    private readonly Dictionary<string, CompartmentDefinitionInfo> compartmentsByCode;
    private readonly TerminologyStore terminology;
    private readonly HashSet<string> resourceTypes;

    private FhirDefinitions(string packageDirectory, PackageContents contents)
    {
        PackageDirectory = packageDirectory;
        StructureDefinitionFileCount = contents.StructureDefinitionFileCount;
        typesByName = contents.Types.ToDictionary(type => type.Name, StringComparer.Ordinal);
        Types = typesByName.AsReadOnly();
        resourceTypes = contents.Types
            .Where(type => type.Kind == TypeKind.Resource && !type.IsAbstract)
            .Select(type => type.Name)
            .ToHashSet(StringComparer.Ordinal);
        ResourceTypes = resourceTypes.Order(StringComparer.Ordinal).ToArray();
        SearchParameters = contents.SearchParameters;
        searchParametersByUrl = contents.SearchParameters
            .GroupBy(parameter => parameter.Url, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        searchParametersByBase = BuildSearchIndex(contents.SearchParameters);
        searchParametersByCode = searchParametersByBase.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.ToDictionary(parameter => parameter.Code, StringComparer.Ordinal),
            StringComparer.Ordinal);
        Compartments = contents.Compartments;
        compartmentsByCode = contents.Compartments.ToDictionary(compartment => compartment.Code, StringComparer.Ordinal);
        terminology = contents.Terminology;
    }

    /// <summary>The directory the definitions were read from.</summary>
    public string PackageDirectory { get; }

    /// <summary>Number of StructureDefinition files in the package (base types, profiles, extensions).</summary>
    public int StructureDefinitionFileCount { get; }

    /// <summary>Concrete (non-abstract) resource type names, sorted.</summary>
    public IReadOnlyCollection<string> ResourceTypes { get; }

    /// <summary>All base types (primitive, complex, resource, including abstract ones) by name.</summary>
    public IReadOnlyDictionary<string, TypeDefinition> Types { get; }

    /// <summary>Every SearchParameter definition of the package (its examples excluded).</summary>
    public IReadOnlyList<SearchParameterDefinition> SearchParameters { get; }

    public IReadOnlyList<CompartmentDefinitionInfo> Compartments { get; }

    /// <summary>The custom SearchParameters registered at run time (see <see cref="CustomSearchParameters"/>).</summary>
    public CustomSearchParameters CustomSearchParameters { get; } = new();

    /// <summary>Loads the definitions from an unpacked package directory.</summary>
    public static FhirDefinitions Load(string packageDirectory) => Load(packageDirectory, CancellationToken.None);

    /// <summary>Loads the definitions; <paramref name="cancellationToken"/> stops the parallel parse (e.g. on shutdown).</summary>
    public static FhirDefinitions Load(string packageDirectory, CancellationToken cancellationToken)
    {
        FhirPackageLocator.Verify(packageDirectory);
        return new FhirDefinitions(packageDirectory, PackageLoader.Read(packageDirectory, cancellationToken));
    }

    /// <summary>Loads on the thread pool, so a host can start listening while the definitions are read.</summary>
    public static Task<FhirDefinitions> LoadAsync(string packageDirectory, CancellationToken cancellationToken) =>
        Task.Run(() => Load(packageDirectory, cancellationToken), cancellationToken);

    /// <summary>Loads from <see cref="FhirPackageLocator.DefaultDirectory"/> (where <c>dotnet build</c> put the package).</summary>
    public static FhirDefinitions LoadDefault() => Load(FhirPackageLocator.DefaultDirectory);

    public bool IsResourceType(string name) => resourceTypes.Contains(name);

    public bool TryGetType(string name, [NotNullWhen(true)] out TypeDefinition? type) => typesByName.TryGetValue(name, out type);

    /// <summary>The type by name; throws <see cref="KeyNotFoundException"/> when unknown.</summary>
    public TypeDefinition GetTypeDefinition(string name) =>
        typesByName.TryGetValue(name, out var type) ? type : throw new KeyNotFoundException($"'{name}' is not an R4 type.");

    /// <summary>
    /// Steps from the element at <paramref name="definitionPath"/> of <paramref name="type"/> into the JSON
    /// property <paramref name="jsonName"/> (choice names such as <c>valueQuantity</c> included) and says where
    /// the next step's children are defined. This is the navigation a FHIRPath type model needs.
    /// </summary>
    public bool TryNavigate(TypeDefinition type, string definitionPath, string jsonName, [NotNullWhen(true)] out ElementNavigation? navigation)
    {
        navigation = null;
        if (!type.TryGetChild(definitionPath, jsonName, out var child))
        {
            return false;
        }

        var element = child.Element;
        if (element.ContentReference is { } reference)
        {
            navigation = new ElementNavigation(child, type, reference);
        }
        else if (element.HasInlineChildren)
        {
            navigation = new ElementNavigation(child, type, element.Path);
        }
        else if (child.TypeCode is { } typeCode && typeCode != "Resource" && typesByName.TryGetValue(typeCode, out var childType))
        {
            navigation = new ElementNavigation(child, childType, childType.Name);
        }
        else
        {
            navigation = new ElementNavigation(child, null, string.Empty);
        }

        return true;
    }

    /// <summary>True when <paramref name="typeName"/> is <paramref name="ancestor"/> or derives from it (e.g. Patient → DomainResource).</summary>
    public bool IsSubtypeOf(string typeName, string ancestor)
    {
        for (var current = typeName; current is not null; current = typesByName.GetValueOrDefault(current)?.BaseType)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Search parameters for a resource type, including those defined on Resource and DomainResource, and the
    /// custom ones that are searchable on it.
    /// </summary>
    public IReadOnlyList<SearchParameterDefinition> GetSearchParameters(string resourceType)
    {
        var package = GetPackageSearchParameters(resourceType);
        var custom = CustomSearchParameters.Current.Searchable(resourceType);
        return custom.Count == 0 ? package : [.. package, .. custom];
    }

    /// <summary>The R4 package's search parameters of a type (Resource and DomainResource ones included), without custom ones.</summary>
    public IReadOnlyList<SearchParameterDefinition> GetPackageSearchParameters(string resourceType) =>
        searchParametersByBase.TryGetValue(resourceType, out var parameters) ? parameters : [];

    /// <summary>The search parameter with <paramref name="code"/> that applies to <paramref name="resourceType"/> (package, or searchable custom).</summary>
    public bool TryGetSearchParameter(string resourceType, string code, [NotNullWhen(true)] out SearchParameterDefinition? parameter)
    {
        parameter = null;
        if (searchParametersByCode.TryGetValue(resourceType, out var byCode) && byCode.TryGetValue(code, out parameter))
        {
            return true;
        }

        if (CustomSearchParameters.Current.TryGet(resourceType, code, out var custom) && custom.IsSearchableOn(resourceType))
        {
            parameter = custom.Definition;
            return true;
        }

        return false;
    }

    /// <summary>A package search parameter by canonical URL, else a registered custom one.</summary>
    public bool TryGetSearchParameterByUrl(string url, [NotNullWhen(true)] out SearchParameterDefinition? parameter) =>
        searchParametersByUrl.TryGetValue(url, out parameter) || CustomSearchParameters.Current.TryGetByUrl(url, out parameter);

    /// <summary>True when <paramref name="url"/> is the canonical URL of a SearchParameter of the R4 package.</summary>
    public bool IsPackageSearchParameterUrl(string url) => searchParametersByUrl.ContainsKey(url);

    /// <summary>The compartment definition for a compartment type (Patient, Encounter, RelatedPerson, Practitioner, Device).</summary>
    public bool TryGetCompartment(string compartmentType, [NotNullWhen(true)] out CompartmentDefinitionInfo? compartment) =>
        compartmentsByCode.TryGetValue(compartmentType, out compartment);

    /// <summary>The parameter codes linking <paramref name="resourceType"/> to the compartment; empty when it is not a member.</summary>
    public IReadOnlyList<string> GetCompartmentParameters(string compartmentType, string resourceType) =>
        compartmentsByCode.TryGetValue(compartmentType, out var compartment) ? compartment.GetParameters(resourceType) : [];

    /// <summary>A ValueSet resource by canonical URL (a <c>|version</c> suffix is ignored).</summary>
    public bool TryGetValueSet(string canonical, out JsonElement valueSet)
    {
        var found = terminology.GetValueSet(canonical);
        valueSet = found ?? default;
        return found is not null;
    }

    /// <summary>A CodeSystem by canonical URL (a <c>|version</c> suffix is ignored).</summary>
    public bool TryGetCodeSystem(string canonical, [NotNullWhen(true)] out CodeSystemInfo? codeSystem)
    {
        codeSystem = terminology.GetCodeSystem(canonical);
        return codeSystem is not null;
    }

    /// <summary>Expands a value set of the package (cached); see <see cref="ValueSetExpansion.IsEnumerable"/>.</summary>
    public ValueSetExpansion ExpandValueSet(string canonical) => terminology.Expand(canonical);

    /// <summary>Canonical URLs of all ValueSets in the package (builds the terminology index on first use).</summary>
    public IReadOnlyCollection<string> ValueSetUrls => terminology.ValueSetUrls;

    /// <summary>Canonical URLs of all CodeSystems in the package (builds the terminology index on first use).</summary>
    public IReadOnlyCollection<string> CodeSystemUrls => terminology.CodeSystemUrls;

    /// <summary>
    /// Parameters per resource type: those on Resource (all types), on DomainResource (only its subtypes,
    /// so Bundle has no _text), then the type's own, first definition of a code winning.
    /// </summary>
    private Dictionary<string, SearchParameterDefinition[]> BuildSearchIndex(IReadOnlyList<SearchParameterDefinition> parameters)
    {
        var index = new Dictionary<string, SearchParameterDefinition[]>(StringComparer.Ordinal);
        var resourceLevel = parameters.Where(parameter => parameter.Bases.Any(ResourceLevelBases.Contains)).ToArray();
        foreach (var typeName in resourceTypes.Concat(ResourceLevelBases))
        {
            var inherited = resourceLevel.Where(parameter => parameter.Bases.Any(baseType => IsSubtypeOf(typeName, baseType)));
            var own = parameters.Where(parameter => parameter.Bases.Contains(typeName));
            index[typeName] = inherited.Concat(own)
                .DistinctBy(parameter => parameter.Code, StringComparer.Ordinal)
                .ToArray();
        }

        return index;
    }
}
