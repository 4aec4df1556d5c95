using System.Text.Json;
using FhirAi.Fhir.Definitions;
using FhirAi.Fhir.Outcomes;

namespace FhirAi.Fhir.Validation;

/// <summary>
/// Walks a resource's JSON against the base StructureDefinitions: unknown elements, cardinality,
/// array/singleton shape, choice types, and JSON-level rules; hands each value to the check for its
/// type (primitives, bindings, references, extensions, narrative, nested resources).
/// </summary>
internal sealed class StructureWalker(ValidationContext context)
{
    private readonly FhirDefinitions definitions = context.Definitions;
    private readonly PrimitiveFormats formats = context.Rules.Formats;

    /// <summary>Validates a resource; <paramref name="location"/> is null for the top-level resource.</summary>
    public void ValidateResource(JsonElement resource, string? location, ResourceScope? container, ElementVisit? parent = null)
    {
        var where = location ?? "Resource";
        if (resource.ValueKind != JsonValueKind.Object)
        {
            context.Error(IssueCodes.Structure, where, $"A resource must be a JSON object, not {PrimitiveFormats.Describe(resource)}.");
            return;
        }

        if (!resource.TryGetProperty("resourceType", out var typeProperty) || typeProperty.ValueKind != JsonValueKind.String)
        {
            context.Error(IssueCodes.Required, where, "The resource has no 'resourceType' string property.");
            return;
        }

        var resourceType = typeProperty.GetString()!;
        if (!definitions.IsResourceType(resourceType))
        {
            context.Error(IssueCodes.NotSupported, location ?? resourceType, $"'{resourceType}' is not a known R4 resource type.");
            return;
        }

        var scope = new ResourceScope(resource, resourceType, location ?? resourceType, container);
        context.Scopes.Add(scope);
        container?.Root.ContainedResources.Add(scope);
        var type = definitions.GetTypeDefinition(resourceType);
        var visit = new ElementVisit(resource, scope.Location, null, type, resourceType, scope, parent);
        WalkObject(resource, type, resourceType, scope.Location, scope, isResourceRoot: true, visit);
        Visit(visit);
    }

    private void WalkObject(JsonElement value, TypeDefinition type, string definitionPath, string location, ResourceScope scope, bool isResourceRoot, ElementVisit owner)
    {
        // Elements are the type's own instances (unique by path): reference equality spares hashing every field of the record.
        var found = new Dictionary<ElementDefinitionInfo, PresentElement>(ReferenceEqualityComparer.Instance);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var contentCount = 0;
        foreach (var property in value.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                context.Error(IssueCodes.Structure, location + "." + property.Name, $"The property '{property.Name}' appears more than once.");
                continue;
            }

            if (isResourceRoot && property.Name == "resourceType")
            {
                continue;
            }

            if (property.Name != "id")
            {
                contentCount++;
            }

            var isExtensionPart = property.Name.StartsWith('_');
            var jsonName = isExtensionPart ? property.Name[1..] : property.Name;
            if (!type.TryGetChild(definitionPath, jsonName, out var child)
                || (isExtensionPart && !formats.IsPrimitive(child.TypeCode ?? string.Empty)))
            {
                ReportUnknown(type, definitionPath, property.Name, location);
                continue;
            }

            if (!found.TryGetValue(child.Element, out var present))
            {
                present = new PresentElement(child.Element);
                found[child.Element] = present;
            }

            present.Add(jsonName, child.TypeCode, isExtensionPart, property.Value);
        }

        if (contentCount == 0 && !isResourceRoot)
        {
            context.Error(IssueCodes.Structure, location, "ele-1: An element must have a value or children; empty objects are not allowed.");
        }

        foreach (var element in type.GetChildren(definitionPath))
        {
            if (element.Min > 0 && !found.ContainsKey(element))
            {
                context.Error(IssueCodes.Required, location + "." + element.Name + (element.IsChoice ? "[x]" : string.Empty),
                    $"Missing required element '{element.Name}{(element.IsChoice ? "[x]" : string.Empty)}' (minimum cardinality {element.Min}).");
            }
        }

        foreach (var present in found.Values)
        {
            ValidatePresent(present, type, location, scope, owner);
        }
    }

    private void ReportUnknown(TypeDefinition type, string definitionPath, string propertyName, string location)
    {
        var stem = propertyName.TrimStart('_');
        var choice = type.GetChildren(definitionPath).FirstOrDefault(element =>
            element.IsChoice && stem.StartsWith(element.Name, StringComparison.Ordinal));
        var allowed = choice is null ? string.Empty : string.Join(", ", choice.Types.Select(t => choice.Name + char.ToUpperInvariant(t.Code[0]) + t.Code[1..]));
        var message = choice switch
        {
            null => $"Unknown element '{propertyName}' in {definitionPath}.",
            _ when stem == choice.Name => $"'{propertyName}' needs a type suffix ({choice.Path}); allowed: {allowed}.",
            _ => $"'{propertyName}' is not an allowed type for {choice.Path}; allowed: {allowed}.",
        };
        context.Error(IssueCodes.Structure, location + "." + propertyName, message);
    }

    private void ValidatePresent(PresentElement present, TypeDefinition type, string parentLocation, ResourceScope scope, ElementVisit owner)
    {
        var element = present.Element;
        if (present.JsonNames.Count > 1)
        {
            context.Error(IssueCodes.Structure, parentLocation + "." + element.Name + "[x]",
                $"Only one type of {element.Name}[x] may be present, found: {string.Join(", ", present.JsonNames)}.");
        }

        foreach (var (jsonName, typeCode, value, extension) in present.Entries())
        {
            var location = parentLocation + "." + jsonName;
            var isPrimitive = formats.IsPrimitive(typeCode ?? string.Empty);
            if (value is { } json)
            {
                ValidateShape(json, extension, element, typeCode, isPrimitive, location, type, scope, owner);
            }

            if (extension is { } ext)
            {
                ValidatePrimitiveExtensions(ext, value, element, "_" + jsonName, parentLocation, scope, owner);
            }
        }
    }

    private void ValidateShape(JsonElement value, JsonElement? extension, ElementDefinitionInfo element, string? typeCode, bool isPrimitive, string location, TypeDefinition type, ResourceScope scope, ElementVisit owner)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            context.Error(IssueCodes.Structure, location, "null is not allowed here; omit the element instead.");
            return;
        }

        if (!element.IsArray)
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                context.Error(IssueCodes.Structure, location, $"{element.Path} has maximum cardinality 1 and must not be a JSON array.");
                return;
            }

            ValidateItem(value, element, typeCode, location, type, scope, owner);
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            context.Error(IssueCodes.Structure, location, $"{element.Path} can repeat (max {element.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"}) and must be a JSON array.");
            return;
        }

        var count = value.GetArrayLength();
        if (count == 0)
        {
            context.Error(IssueCodes.Structure, location, "Empty arrays are not allowed; omit the element instead.");
            return;
        }

        if (element.Max is { } max && count > max)
        {
            context.Error(IssueCodes.Structure, location, $"{element.Path} allows at most {max} items, found {count}.");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemLocation = $"{location}[{index}]";
            if (item.ValueKind == JsonValueKind.Null)
            {
                var hasExtension = isPrimitive && extension is { ValueKind: JsonValueKind.Array } ext
                    && index < ext.GetArrayLength() && ext[index].ValueKind == JsonValueKind.Object;
                if (!hasExtension)
                {
                    context.Error(IssueCodes.Structure, itemLocation, "null is only allowed in an array of primitives whose '_' array has extensions at the same index.");
                }
            }
            else
            {
                ValidateItem(item, element, typeCode, itemLocation, type, scope, owner);
            }

            index++;
        }
    }

    private void ValidateItem(JsonElement item, ElementDefinitionInfo element, string? typeCode, string location, TypeDefinition type, ResourceScope scope, ElementVisit owner)
    {
        if (element.ContentReference is { } reference)
        {
            WalkComplex(item, element, type, reference, location, scope, owner);
            return;
        }

        if (typeCode is null)
        {
            return;
        }

        if (formats.IsPrimitive(typeCode))
        {
            ValidatePrimitive(item, element, typeCode, location, type, scope, owner);
            return;
        }

        if (typeCode == "Resource")
        {
            var isContained = element.Path.EndsWith(".contained", StringComparison.Ordinal);
            ValidateResource(item, location, isContained ? scope : null, owner);
            return;
        }

        if (element.HasInlineChildren)
        {
            WalkComplex(item, element, type, element.Path, location, scope, owner);
        }
        else if (definitions.TryGetType(typeCode, out var complexType))
        {
            WalkComplex(item, element, complexType, complexType.Name, location, scope, owner);
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        switch (typeCode)
        {
            case "Reference":
                ReferenceRules.Check(item, element, location, scope, context);
                break;
            case "Extension":
                ExtensionRules.Check(item, location, context);
                break;
            case "Coding":
            case "CodeableConcept":
                BindingRules.Check(item, element, typeCode, location, context);
                break;
        }
    }

    private void WalkComplex(JsonElement item, ElementDefinitionInfo element, TypeDefinition type, string definitionPath, string location, ResourceScope scope, ElementVisit owner)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            context.Error(IssueCodes.Structure, location, $"Expected a JSON object for {definitionPath}, found {PrimitiveFormats.Describe(item)}.");
            return;
        }

        var visit = new ElementVisit(item, location, element, type, definitionPath, scope, owner);
        WalkObject(item, type, definitionPath, location, scope, isResourceRoot: false, visit);
        Visit(visit);
    }

    private void Visit(ElementVisit visit)
    {
        foreach (var rule in context.ElementRules)
        {
            rule.Check(visit, context);
        }
    }

    private void ValidatePrimitive(JsonElement item, ElementDefinitionInfo element, string typeCode, string location, TypeDefinition type, ResourceScope scope, ElementVisit owner)
    {
        if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            context.Error(IssueCodes.Structure, location, $"A {typeCode} must be a JSON primitive, not {PrimitiveFormats.Describe(item)}.");
            return;
        }

        if (typeCode == "xhtml")
        {
            NarrativeRules.Check(item, location, context);
            return;
        }

        formats.Validate(item, typeCode, location, context);
        if (context.Rules.HasPrimitiveConstraints(element))
        {
            // Rare (e.g. ElementDefinition.max, RiskAssessment.prediction.probability[x]): only these primitives are offered to the element rules.
            Visit(new ElementVisit(item, location, element, definitions.GetTypeDefinition(typeCode), typeCode, scope, owner));
        }

        if (item.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var text = item.GetString()!;
        if (type.Kind == TypeKind.Resource && element.Path == type.Name + ".id" && !formats.IsValidId(text))
        {
            context.Error(IssueCodes.Value, location, $"'{text}' is not a valid resource id (1-64 of A-Z a-z 0-9 - .).");
        }

        if (typeCode is "uri" or "url" or "canonical" && text.StartsWith('#'))
        {
            scope.Root.LocalReferences.Add(new LocalReference(text, location, scope));
        }

        if (typeCode == "code")
        {
            BindingRules.CheckCode(text, element, location, context);
        }
    }

    private void ValidatePrimitiveExtensions(JsonElement extension, JsonElement? value, ElementDefinitionInfo element, string jsonName, string parentLocation, ResourceScope scope, ElementVisit owner)
    {
        var location = parentLocation + "." + jsonName;
        if (!element.IsArray)
        {
            ValidateExtensionHolder(extension, location, scope, allowNull: false, owner);
            return;
        }

        if (extension.ValueKind != JsonValueKind.Array)
        {
            context.Error(IssueCodes.Structure, location, $"'{jsonName}' must be an array aligned with the values of '{jsonName[1..]}'.");
            return;
        }

        if (value is { ValueKind: JsonValueKind.Array } values && values.GetArrayLength() != extension.GetArrayLength())
        {
            context.Error(IssueCodes.Structure, location, $"'{jsonName}' has {extension.GetArrayLength()} items but '{jsonName[1..]}' has {values.GetArrayLength()}; they must align.");
        }

        var index = 0;
        foreach (var item in extension.EnumerateArray())
        {
            var valueIsNull = value is not { ValueKind: JsonValueKind.Array } array || index >= array.GetArrayLength() || array[index].ValueKind == JsonValueKind.Null;
            if (item.ValueKind == JsonValueKind.Null && valueIsNull)
            {
                context.Error(IssueCodes.Structure, $"{location}[{index}]", "A value and its extension cannot both be null.");
            }
            else
            {
                ValidateExtensionHolder(item, $"{location}[{index}]", scope, allowNull: true, owner);
            }

            index++;
        }
    }

    /// <summary>The '_x' object of a primitive may hold only id and extension.</summary>
    private void ValidateExtensionHolder(JsonElement holder, string location, ResourceScope scope, bool allowNull, ElementVisit owner)
    {
        if (holder.ValueKind == JsonValueKind.Null && allowNull)
        {
            return;
        }

        if (holder.ValueKind != JsonValueKind.Object)
        {
            context.Error(IssueCodes.Structure, location, $"A primitive's extension part must be an object with 'id' and/or 'extension', not {PrimitiveFormats.Describe(holder)}.");
            return;
        }

        if (!definitions.TryGetType("Element", out var elementType))
        {
            return;
        }

        WalkObject(holder, elementType, "Element", location, scope, isResourceRoot: false, owner);
    }
}
