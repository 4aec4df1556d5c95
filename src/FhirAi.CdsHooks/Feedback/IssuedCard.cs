namespace FhirAi.CdsHooks.Feedback;

/// <summary>A card a service returned: its <c>uuid</c> and its card type, a stable rule id (e.g. <c>drug-interaction</c>) ≤ 128 characters.</summary>
public sealed record IssuedCard(string CardUuid, string CardType);
