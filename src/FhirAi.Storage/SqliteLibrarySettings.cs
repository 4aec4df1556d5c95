using SQLitePCL;

namespace FhirAi.Storage;

/// <summary>
/// Process-wide SQLite settings, applied before the first connection opens (SQLite accepts them only before it is
/// initialised; later calls are refused with SQLITE_MISUSE and the defaults stay). Memory statistics are off: with them
/// every allocation inside SQLite takes one global mutex, and under concurrent searches that mutex was contended
/// (pthread lock/unlock and futex waits were 5.5 % of an <c>_include</c> search's samples). Nothing here reads
/// <c>sqlite3_memory_used</c> or sets a soft heap limit, which are what the statistics serve.
/// </summary>
internal static class SqliteLibrarySettings
{
    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return;
        }

        Batteries_V2.Init();
        raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }
}
