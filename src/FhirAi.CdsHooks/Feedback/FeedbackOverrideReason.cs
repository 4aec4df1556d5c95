namespace FhirAi.CdsHooks.Feedback;

/// <summary>
/// The override reason of a feedback: the Coding chosen (null when the user only typed a comment) and whether a comment
/// was given. The comment itself is free text that may name the patient, so it is not kept.
/// </summary>
public sealed record FeedbackOverrideReason(string? System, string? Code, string? Display, bool HasUserComment);
