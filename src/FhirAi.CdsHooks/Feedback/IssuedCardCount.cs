namespace FhirAi.CdsHooks.Feedback;

/// <summary>How many cards of one type a service issued.</summary>
public sealed record IssuedCardCount(string CardType, long Count);
