namespace FhirAi.CdsHooks.Feedback;

/// <summary>What the user did with a card (CDS Hooks 2.0.1 §Feedback, <c>outcome</c>).</summary>
public enum FeedbackOutcome
{
    Accepted,
    Overridden,
}
