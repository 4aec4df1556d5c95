using FhirAi.Inference;

namespace FhirAi.Clinical.Reports;

/// <summary>What happened to one registered model for one report.</summary>
public sealed record RiskRun
{
    public required ModelDescription Model { get; init; }

    public required RiskRunStatus Status { get; init; }

    /// <summary>The model's outputs by name when it ran.</summary>
    public IReadOnlyDictionary<string, double> Outputs { get; init; } = new Dictionary<string, double>();

    /// <summary>The inputs as given to the model, with the record entries each came from.</summary>
    public IReadOnlyList<ResolvedInput> Inputs { get; init; } = [];

    /// <summary>Inputs the record lacks (status <see cref="RiskRunStatus.MissingInputs"/>).</summary>
    public IReadOnlyList<ModelInput> Missing { get; init; } = [];

    /// <summary>Why the model rejected the inputs or could not run.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}

/// <summary>Whether a model ran for a report.</summary>
public enum RiskRunStatus
{
    Ran,

    /// <summary>Some input is not in the record: listed as a GuidanceResponse.dataRequirement.</summary>
    MissingInputs,

    /// <summary>Every input was found but the model refused a value (out of its valid range, unknown unit).</summary>
    Rejected,

    /// <summary>ONNX Runtime is unavailable.</summary>
    Unavailable,
}

/// <summary>One model input taken from the record: the value, the entries it came from, and how it was derived when not read directly.</summary>
public sealed record ResolvedInput(string Name, InputValue Value, IReadOnlyList<string> Sources, string? Note = null);
