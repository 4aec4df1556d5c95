using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FhirAi.Storage.Tests;

/// <summary>Runs EXPLAIN QUERY PLAN for every query, on its connection, with its parameters.</summary>
internal sealed class PlanRecorder : DbCommandInterceptor
{
    public List<string> Lines { get; } = [];

    /// <summary>A context on the SQLite database of these storage services whose queries this recorder explains.</summary>
    public FhirDbContext ContextOn(IServiceProvider services)
    {
        using var source = services.GetRequiredService<IDbContextFactory<FhirDbContext>>().CreateDbContext();
        return new FhirDbContext(new DbContextOptionsBuilder<FhirDbContext>().UseSqlite(source.Database.GetConnectionString()).AddInterceptors(this).Options);
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        foreach (DbParameter parameter in command.Parameters)
        {
            var copy = explain.CreateParameter();
            copy.ParameterName = parameter.ParameterName;
            copy.Value = parameter.Value;
            explain.Parameters.Add(copy);
        }

        await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Lines.Add(reader.GetString(3));
        }

        return result;
    }
}
