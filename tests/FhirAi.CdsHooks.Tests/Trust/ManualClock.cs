namespace FhirAi.CdsHooks.Tests.Trust;

/// <summary>A clock the test sets.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
