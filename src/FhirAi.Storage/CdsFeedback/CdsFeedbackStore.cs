using System.Data.Common;
using FhirAi.Storage.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FhirAi.Storage.CdsFeedback;

/// <summary>
/// Durable CDS Hooks feedback and the cards it refers to (tables <c>cds_feedback</c> and <c>cds_issued_cards</c>,
/// Migrations/CdsFeedback.cs). Writes are idempotent: feedback on (service, card, outcome time), issued cards on
/// (service, card), both by <c>INSERT … ON CONFLICT DO NOTHING</c>, which SQLite and PostgreSQL share.
/// </summary>
public sealed class CdsFeedbackStore
{
    private readonly IDbContextFactory<FhirDbContext> _contexts;
    private readonly WriteGate _writeGate;

    internal CdsFeedbackStore(IDbContextFactory<FhirDbContext> contexts, WriteGate writeGate)
    {
        _contexts = contexts;
        _writeGate = writeGate;
    }

    /// <summary>Stores the feedback events not stored before (same service, card and outcome time) and returns how many were new.</summary>
    public async Task<int> SaveFeedbackAsync(IReadOnlyList<CdsFeedbackEntry> entries, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        var received = Micros.From(receivedAt);
        return await InTransactionAsync(async (connection, transaction) =>
        {
            var inserted = 0;
            foreach (var entry in entries)
            {
                await using var command = SqlCommandBuilder.Create(connection, transaction,
                        "INSERT INTO cds_feedback (service_id, card_uuid, outcome_at, outcome, reason_system, reason_code, reason_display, has_user_comment, accepted_suggestions, received_at) "
                        + "VALUES (@service, @card, @at, @outcome, @system, @code, @display, @comment, @accepted, @received) "
                        + "ON CONFLICT (service_id, card_uuid, outcome_at) DO NOTHING")
                    .With("@service", entry.ServiceId).With("@card", entry.CardUuid).With("@at", Micros.From(entry.OutcomeTimestamp))
                    .With("@outcome", entry.Outcome).With("@system", entry.ReasonSystem).With("@code", entry.ReasonCode)
                    .With("@display", entry.ReasonDisplay).With("@comment", entry.HasUserComment)
                    .With("@accepted", entry.AcceptedSuggestions.Count == 0 ? null : string.Join(",", entry.AcceptedSuggestions))
                    .With("@received", received);
                inserted += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return inserted;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records cards a service returned; a card already recorded keeps its first type and time.</summary>
    public async Task RecordIssuedAsync(IReadOnlyList<CdsIssuedCard> cards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cards);
        if (cards.Count == 0)
        {
            return;
        }

        await InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var card in cards)
            {
                await using var command = SqlCommandBuilder.Create(connection, transaction,
                        "INSERT INTO cds_issued_cards (service_id, card_uuid, card_type, issued_at) VALUES (@service, @card, @type, @at) "
                        + "ON CONFLICT (service_id, card_uuid) DO NOTHING")
                    .With("@service", card.ServiceId).With("@card", card.CardUuid).With("@type", card.CardType).With("@at", Micros.From(card.IssuedAt));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Feedback events of a service with outcome time in [from, to), counted by card type, outcome and override reason.</summary>
    public async Task<IReadOnlyList<CdsFeedbackCount>> CountFeedbackAsync(string serviceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommandBuilder.Create(connection, null,
                "SELECT i.card_type, f.outcome, f.reason_system, f.reason_code, MAX(f.reason_display), COUNT(*) "
                + "FROM cds_feedback f LEFT JOIN cds_issued_cards i ON i.service_id = f.service_id AND i.card_uuid = f.card_uuid "
                + "WHERE f.service_id = @service AND f.outcome_at >= @from AND f.outcome_at < @to "
                + "GROUP BY i.card_type, f.outcome, f.reason_system, f.reason_code")
            .With("@service", serviceId).With("@from", Lower(from)).With("@to", Upper(to));
        var counts = new List<CdsFeedbackCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new CdsFeedbackCount(
                NullableString(reader, 0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3), NullableString(reader, 4), reader.GetInt64(5)));
        }

        return counts;
    }

    /// <summary>Cards a service issued in [from, to), counted by card type.</summary>
    public async Task<IReadOnlyList<CdsIssuedCount>> CountIssuedAsync(string serviceId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var lower = Lower(from);
        var upper = Upper(to);
        var rows = await db.IssuedCards.Where(c => c.ServiceId == serviceId && c.IssuedMicros >= lower && c.IssuedMicros < upper)
            .GroupBy(c => c.CardType)
            .Select(g => new { CardType = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new CdsIssuedCount(r.CardType, r.Count)).OrderBy(r => r.CardType, StringComparer.Ordinal).ToList();
    }

    private async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        using var entered = await _writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(db.Database.GetDbConnection(), transaction.GetDbTransaction()).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static long Lower(DateTimeOffset? from) => from is { } instant ? Micros.From(instant) : long.MinValue;

    private static long Upper(DateTimeOffset? to) => to is { } instant ? Micros.From(instant) : long.MaxValue;

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
