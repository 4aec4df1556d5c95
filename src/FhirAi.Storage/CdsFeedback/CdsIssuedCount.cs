namespace FhirAi.Storage.CdsFeedback;

/// <summary>How many cards of one type a service issued.</summary>
public sealed record CdsIssuedCount(string CardType, long Count);
