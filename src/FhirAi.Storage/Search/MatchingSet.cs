using FhirAi.Storage.Model;

namespace FhirAi.Storage.Search;

/// <summary>
/// What a search matches: the resource rows, and, when every criterion is a set of keys read from the index tables
/// (no filter on the rows themselves), those keys alone, possibly repeated. Index rows exist only for live current
/// resources of their type (written with each version, deleted with the next one and on delete, reindexed only for
/// unchanged live resources), so such a key set needs no look-up in <c>resources</c> to be ordered and counted by key:
/// the first page of <c>Observation?code=…</c> reads 1,001 index entries instead of also probing 1,001 resource rows.
/// </summary>
internal readonly record struct MatchingSet(IQueryable<ResourceRow> Rows, IQueryable<long>? IndexKeys);
