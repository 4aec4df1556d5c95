namespace FhirAi.CdsHooks.Trust;

/// <summary>
/// The CDS client a verified JWT identifies, set as an <see cref="Microsoft.AspNetCore.Http.HttpContext"/> feature for the
/// endpoint (<c>context.Features.Get&lt;CdsClientIdentity&gt;()</c>); absent when JWT checking is off.
/// </summary>
public sealed record CdsClientIdentity(string Issuer, string KeyId, string? Tenant);
