namespace FhirAi.CdsHooks.Feedback;

/// <summary>The answer to a feedback POST: entries received and how many of them were new (a re-send stores nothing).</summary>
public sealed record FeedbackReceipt(int Received, int Stored);
