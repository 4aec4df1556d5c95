namespace FhirAi.Storage.CdsFeedback;

/// <summary>A card a CDS service returned.</summary>
public sealed record CdsIssuedCard(string ServiceId, string CardUuid, string CardType, DateTimeOffset IssuedAt);
