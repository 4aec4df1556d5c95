namespace FhirAi.Storage.Model;

/// <summary>A card a CDS service returned: its uuid and card type (a stable rule id), so feedback can be summarised by type.</summary>
internal sealed class CdsIssuedCardRow
{
    public required string ServiceId { get; set; }
    public required string CardUuid { get; set; }
    public required string CardType { get; set; }
    public long IssuedMicros { get; set; }
}
