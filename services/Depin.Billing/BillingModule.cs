using Depin.Billing.Accounts;
using Depin.Billing.Accounts.Querying;
using Depin.Billing.Ledger;
using Depin.Billing.Messaging;
using Depin.EventStore;
using Depin.EventStore.Streams;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;

namespace Depin.Billing;

public static class BillingModule
{
    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BillingOptions>().BindConfiguration("Billing")
            .Validate(o => o.ProtocolFeeBasisPoints is >= 0 and <= 10_000, "Billing:ProtocolFeeBasisPoints must be 0..10000");
        var store = new EventStoreOptions { Schema = "billing" };
        store.ServiceTables.Add(LedgerTables.Ddl);
        builder.AddDepinEventStore(store, types => types.RegisterAll<IAccountEvent>());
        builder.Services.AddSingleton<IInlineProjection, LedgerProjection>();
        builder.AddDepinEventRelay<IntegrationEventMap>();
        builder.AddDepinMessaging("billing", typeof(BillingModule).Assembly);
        builder.Services.AddSingleton<AccountReader>();
        return builder;
    }
}
