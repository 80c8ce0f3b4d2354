using Depin.Billing.Accounts;
using Depin.Billing.Analytics;
using Depin.Billing.Holds;
using Depin.Billing.Ledger;
using Depin.Billing.Messaging;
using Depin.Billing.Stakes;
using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;
using JasperFx.Events.Projections;
using Marten;

namespace Depin.Billing;

public static class BillingModule
{
    public const string Name = "billing";
    public const string Schema = "billing";

    /// <summary>Stored event names: never change one (a test pins them).</summary>
    public static readonly EventNames Events = new EventNames()
        .Add<FundsDeposited>("funds_deposited")
        .Add<HoldPlaced>("hold_placed")
        .Add<HoldRejected>("hold_rejected")
        .Add<HoldSettled>("hold_settled")
        .Add<HoldReleased>("hold_released")
        .Add<StakeOpened>("stake_opened")
        .Add<StakeBonded>("stake_bonded")
        .Add<StakeShortfall>("stake_shortfall")
        .Add<StakeUnbonding>("stake_unbonding")
        .Add<StakeReleased>("stake_released")
        .Add<StakeSlashed>("stake_slashed")
        .AssertCovers<IAccountEvent>().AssertCovers<IHoldEvent>().AssertCovers<IStakeEvent>();

    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BillingOptions>().BindConfiguration("Billing")
            .Validate(o => o.ProtocolFeeBasisPoints is >= 0 and <= 10_000, "Billing:ProtocolFeeBasisPoints must be 0..10000")
            .Validate(o => o.SlashBasisPoints is >= 0 and <= 10_000, "Billing:SlashBasisPoints must be 0..10000")
            .Validate(o => o.SlashToClientBasisPoints is >= 0 and <= 10_000, "Billing:SlashToClientBasisPoints must be 0..10000")
            .Validate(o => o.StakeCoolingOffSeconds >= 0, "Billing:StakeCoolingOffSeconds cannot be negative")
            .Validate(o => o.StakeReleaseSweepSeconds >= 1, "Billing:StakeReleaseSweepSeconds must be at least 1")
            .ValidateOnStart();
        builder.AddDepinEventStore(Schema, Events, ConfigureStore, typeof(IntegrationEventMap));
        builder.AddDepinMessaging(Name, typeof(BillingModule).Assembly);
        builder.Services.AddHostedService<StakeReleaser>();
        builder.AddAnalyticsProjections(Schema, Events, ConfigureAnalytics, ProviderDayProjection.ProjectionName, ClientDayProjection.ProjectionName);
        return builder;
    }

    /// <summary>The service's projections and documents (the consumer harness tests build their store with it too).</summary>
    public static void ConfigureStore(StoreOptions o)
    {
        o.Projections.Add(new DeciderProjection<Account, IAccountCommand, IAccountEvent>(AccountDecider.Decider), ProjectionLifecycle.Live);
        o.Projections.Add(new DeciderProjection<Hold, IHoldCommand, IHoldEvent>(HoldDecider.Decider), ProjectionLifecycle.Live);
        o.Projections.Add(new DeciderProjection<NodeStake, IStakeCommand, IStakeEvent>(StakeDecider.Decider), ProjectionLifecycle.Live);
        o.Projections.Add(new LedgerProjection(), ProjectionLifecycle.Inline);
        o.Projections.Add(new StakeRecordProjection(), ProjectionLifecycle.Inline);
        o.Schema.For<StakeRecord>().Duplicate(s => s.ProviderAccountId).Duplicate(s => s.NextReleaseAt);
        AnalyticsDocuments(o);
        // A balance that has no checkpoint yet sums the account's lines: the account's index carries the amounts, so the
        // sum never reads the documents themselves.
        foreach (var table in AvailableBalances.Tables(o.DatabaseSchemaName)) o.Storage.ExtendedSchemaObjects.Add(table);
        o.Schema.For<LedgerLine>().Duplicate(l => l.Amount).Duplicate(l => l.EntryId).Duplicate(l => l.JobId)
            .Duplicate(l => l.Account, configure: index => index.IncludeColumns = ["amount"]);
    }

    /// <summary>The analytics daemon's store: its projections (async) and their documents.</summary>
    public static void ConfigureAnalytics(StoreOptions o)
    {
        AnalyticsDocuments(o);
        o.Projections.Add(new ProviderDayProjection(), ProjectionLifecycle.Async);
        o.Projections.Add(new ClientDayProjection(), ProjectionLifecycle.Async);
    }

    /// <summary>
    /// The analytics documents, mapped identically in both stores (numeric revisions, as Marten gives projected aggregates):
    /// the service's own store creates their tables and reads them; a mapping that differed made a restart try to alter them.
    /// </summary>
    private static void AnalyticsDocuments(StoreOptions o)
    {
        o.Schema.For<ProviderDay>().UseNumericRevisions(true).Duplicate(d => d.Day).Duplicate(d => d.ProviderAccountId);
        o.Schema.For<ClientDay>().UseNumericRevisions(true).Duplicate(d => d.Day).Duplicate(d => d.ClientAccountId);
    }
}
