using System.Collections.Concurrent;
using FhirAi.Storage;

namespace FhirAi.Server.Tests;

/// <summary>One server per provider for the whole test run; tests create their own resources, so they share it safely.</summary>
[TestClass]
public static class SharedHosts
{
    private static readonly ConcurrentDictionary<(StorageProvider, string), Lazy<Task<FhirServerHost>>> Hosts = new();

    internal static Task<FhirServerHost> GetAsync(StorageProvider provider) => GetAsync(provider, string.Empty);

    /// <summary>
    /// A server of its own for a group of tests (<paramref name="group"/>), still shared by that group's tests: for
    /// query-plan-sensitive tests that should not run over whatever bulk data other tests loaded moments before.
    /// </summary>
    internal static Task<FhirServerHost> GetAsync(StorageProvider provider, string group) =>
        Hosts.GetOrAdd((provider, group), key => new Lazy<Task<FhirServerHost>>(() => FhirServerHost.StartAsync(key.Item1))).Value;

    [AssemblyCleanup]
    public static async Task StopAllAsync()
    {
        foreach (var host in Hosts.Values.Where(h => h.IsValueCreated))
        {
            if (host.Value.IsCompletedSuccessfully)
            {
                await (await host.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
