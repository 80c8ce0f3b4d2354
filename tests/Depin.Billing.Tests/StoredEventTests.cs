using Depin.Billing.Accounts;
using Depin.Billing.Holds;
using Depin.Billing.Stakes;

namespace Depin.Billing.Tests;

public class StoredEventTests
{
    [Fact]
    public void Stored_event_names_are_pinned() =>
        StoredEvents.AssertPinned(BillingModule.Events,
            (typeof(FundsDeposited), "funds_deposited"), (typeof(HoldPlaced), "hold_placed"), (typeof(HoldRejected), "hold_rejected"),
            (typeof(HoldSettled), "hold_settled"), (typeof(HoldReleased), "hold_released"),
            (typeof(StakeOpened), "stake_opened"), (typeof(StakeBonded), "stake_bonded"), (typeof(StakeShortfall), "stake_shortfall"),
            (typeof(StakeUnbonding), "stake_unbonding"), (typeof(StakeReleased), "stake_released"), (typeof(StakeSlashed), "stake_slashed"));

    [Fact]
    public async Task A_settlement_stored_by_an_older_build_reads_back_to_the_micro_credit()
    {
        // Amounts beyond 2^53 would lose digits in any reader that goes through a double.
        var read = await StoredEvents.ReadAsStoredAsync(BillingModule.Events, "hold_settled", """
            {"jobId":"0b6c1a52-9d7e-4d0e-8a6e-1f2d3c4b5a69","clientAccountId":"5f0e8c1d-2b3a-4c5d-8e9f-0a1b2c3d4e5f",
             "held":9007199254740993,"charged":9007199254740991,"providerAccountId":"7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
             "providerAmount":8556839292003942,"fee":450359962737049,"released":2,"at":"2026-01-02T03:00:00+00:00"}
            """);
        var settled = Assert.IsType<HoldSettled>(read);
        Assert.Equal((9007199254740993L, 9007199254740991L, 8556839292003942L, 450359962737049L, 2L),
            (settled.Held, settled.Charged, settled.ProviderAmount, settled.Fee, settled.Released));
        Assert.Equal(settled.Held, settled.Charged + settled.Released);
        Assert.Equal(settled.Charged, settled.ProviderAmount + settled.Fee);
    }
}
