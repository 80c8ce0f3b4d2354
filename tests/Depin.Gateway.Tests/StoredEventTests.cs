using Depin.Gateway.ApiKeys;

namespace Depin.Gateway.Tests;

public class StoredEventTests
{
    [Fact]
    public void Stored_event_names_are_pinned() =>
        StoredEvents.AssertPinned(GatewayModule.Events,
            (typeof(ApiAccountOpened), "api_account_opened"), (typeof(ApiKeyRotated), "api_key_rotated"), (typeof(ApiKeyRevoked), "api_key_revoked"));

    [Fact]
    public async Task An_account_opened_by_an_older_build_reads_into_todays_type()
    {
        var read = await StoredEvents.ReadAsStoredAsync(GatewayModule.Events, "api_account_opened", """
            {"accountId":"0b6c1a52-9d7e-4d0e-8a6e-1f2d3c4b5a69","name":"acme","role":"client",
             "keyHash":"3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea","at":"2026-01-02T03:00:00+00:00"}
            """);
        var opened = Assert.IsType<ApiAccountOpened>(read);
        Assert.Equal(("acme", "client", "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea"), (opened.Name, opened.Role, opened.KeyHash));
    }
}
